// Runs compute ops in a Web Worker (falls back to the calling thread where Worker is missing,
// as in unit tests). `latest()` wraps an op so only the newest request's result is delivered.
import { computeHandlers } from './compute-handlers';
import type { ComputeOp, ComputeOps, ComputeResponse } from './compute-protocol';

export interface ComputeClient {
  run<K extends ComputeOp>(op: K, input: ComputeOps[K]['input']): Promise<ComputeOps[K]['output']>;
  dispose(): void;
}

export function createComputeClient(): ComputeClient {
  if (typeof Worker === 'undefined') {
    return {
      run: async (op, input) => (computeHandlers[op] as (i: unknown) => never)(input),
      dispose: () => undefined,
    };
  }
  const worker = new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent<ComputeResponse>) => {
    const entry = pending.get(event.data.id);
    if (!entry) return;
    pending.delete(event.data.id);
    if (event.data.ok) entry.resolve(event.data.output as never);
    else entry.reject(new Error(event.data.message));
  };
  return {
    run(op, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, op, input });
      });
    },
    dispose() {
      worker.terminate();
      for (const entry of pending.values()) entry.reject(new Error('compute worker stopped'));
      pending.clear();
    },
  };
}

/** Calls through `run`, resolving only the most recent call (older ones never settle). */
export function latestOnly<A extends unknown[], R>(run: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let generation = 0;
  return (...args) => {
    const mine = ++generation;
    return new Promise<R>((resolve, reject) => {
      run(...args).then(
        (value) => mine === generation && resolve(value),
        (error) => mine === generation && reject(error),
      );
    });
  };
}
