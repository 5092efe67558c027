// A projection running in a worker stops when its signal aborts (the pool sends the worker a cancel
// message; the UMAP fit checks it between slices), instead of running to its end; the worker then
// takes the next task. Timing is relative (the same fit run to its end takes far longer than
// stopping it), since the fit's first steps (PCA, exact k-NN) do not yield and stretch under load.
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src-shared/base/rng';
import { WorkerPool } from './worker-pool';

const pool = new WorkerPool({ size: 1 });
afterAll(() => pool.close());

function features(n: number, dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * dim }, () => rng.next());
}

describe('cancelling a running projection', () => {
  it('stops the fit in the worker soon after the signal aborts; the worker stays usable', async () => {
    const n = 4000;
    const task = (mapKey: string) => ({ kind: 'project' as const, mapKey, data: features(n, 16, 1), n, dim: 16, dims: 3 as const, seed: 42 });
    const started = performance.now();
    await pool.run(task('whole'));
    const whole = performance.now() - started;

    const controller = new AbortController();
    const outcome = pool.run(task('cancelled'), { signal: controller.signal }).then(() => 'finished', (error: { code?: string }) => error.code);
    await new Promise((resolve) => setTimeout(resolve, whole / 4));
    const aborted = performance.now();
    controller.abort();
    expect(await outcome).toBe('cancelled');
    expect(performance.now() - aborted).toBeLessThan(whole / 2);

    const small = await pool.run({ kind: 'project', mapKey: 'small', data: features(60, 4, 2), n: 60, dim: 4, dims: 2, seed: 42 });
    expect(small.coords).toHaveLength(120);
    expect(small.coords.every(Number.isFinite)).toBe(true);
  }, 60_000);
});
