// A global cap on concurrent heavy calls in serve mode (PDF reports launch Chromium; exports and
// projections hold large arrays): at most `max` run at once, the rest wait in arrival order. A
// waiting call whose client went away (its signal aborted) leaves the queue without running.
import { PruneLensError } from '../../src-shared/base/errors';
import type { ApiMethodName } from '../../src-shared/api/contract';

/** Methods that go through the gate: Chromium launches, whole-table exports, UMAP, occlusion. */
export const HEAVY_METHODS: ReadonlySet<ApiMethodName> = new Set<ApiMethodName>(['exportReport', 'exportSamples', 'exportArray', 'getProjection', 'getOcclusion']);
/** Heavy calls running at once across all connections. */
export const MAX_HEAVY_CALLS = 2;

export class HeavyGate {
  private running = 0;
  private readonly waiting: { start(): void }[] = [];

  constructor(readonly max: number = MAX_HEAVY_CALLS) {}

  /** How many run now and how many wait (for tests and logs). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      signal?.throwIfAborted();
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new PruneLensError('cancelled', 'Cancelled: the client went away.'));
    if (this.running < this.max) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.running++;
          resolve();
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new PruneLensError('cancelled', 'Cancelled: the client went away.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.start();
  }
}
