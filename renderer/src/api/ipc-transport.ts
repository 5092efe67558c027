// Electron transport: the preload's two-function bridge (structured clone keeps typed arrays).
import type { ApiMethodName } from '../../../src-shared/api/contract';
import { PruneLensError } from '../../../src-shared/api/errors';
import type { PreloadBridge } from '../../../src-shared/api/bridge';
import { cancelledError } from '../../../src-shared/api/rpc';
import type { ClientTransport } from '../../../src-shared/api/rpc';

export function createIpcTransport(bridge: PreloadBridge): ClientTransport {
  return {
    // A signal only settles the call early here: the desktop engine has no cancel channel and finishes the work.
    async call(method: ApiMethodName, input: unknown, signal?: AbortSignal) {
      if (signal?.aborted) throw cancelledError();
      const aborted = signal ? new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(cancelledError()), { once: true })) : null;
      const response = aborted ? await Promise.race([bridge.call(method, input), aborted]) : await bridge.call(method, input);
      if (response.kind === 'error') throw PruneLensError.fromPayload(response.error);
      return response.value;
    },
    subscribe: (listener) => bridge.onEvent(listener),
  };
}
