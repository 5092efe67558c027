// Cancellation for long pure algorithms: call `checkAborted` in loops at a coarse grain.
import { PruneLensError } from './errors';

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PruneLensError('cancelled', 'Cancelled.');
}
