// The compute worker: filtering, category derivation and density rasterisation off the UI thread.
import { computeHandlers } from './compute-handlers';
import { transferables } from './transferables';
import type { ComputeRequest, ComputeResponse } from './compute-protocol';

const scope = self as unknown as { onmessage: ((e: MessageEvent<ComputeRequest>) => void) | null; postMessage(m: ComputeResponse, t: ArrayBuffer[]): void };

scope.onmessage = (event) => {
  const { id, op, input } = event.data;
  const start = performance.now();
  try {
    const output = (computeHandlers[op] as (i: unknown) => unknown)(input);
    scope.postMessage({ id, ok: true, output, ms: performance.now() - start }, transferables(output));
  } catch (error) {
    scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) }, []);
  }
};
