// Workers run extraction at a lower priority than the UI and the engine's request handling, and
// the pool closes in order: tasks in flight finish, sessions are released, then the threads end.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeModelBytes } from '../../../src-shared/onnx/model-analysis';
import { addHeadOutputs } from '../../../src-shared/onnx/surgery';
import { tinyImageClassifier } from '../../../tools/testing/tiny-onnx';
import { WorkerPool, workerNice } from './worker-pool';

const pools: WorkerPool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

/** Niceness of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNiceness(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('worker priority', () => {
  it('takes the preferred niceness unless PRUNELENS_WORKER_NICE says otherwise; clamps to 0–19', () => {
    expect(workerNice(undefined, undefined)).toBe(0);
    expect(workerNice(10, undefined)).toBe(10);
    expect(workerNice(10, '0')).toBe(0);
    expect(workerNice(0, '25')).toBe(19);
    expect(workerNice(10, 'high')).toBe(10);
    expect(workerNice(10, '')).toBe(10);
    expect(workerNice(3, '12')).toBe(12);
  });

  it('lowers the worker threads only, not the engine thread', async () => {
    const pool = new WorkerPool({ size: 2, nice: 7 });
    pools.push(pool);
    expect(pool.nice).toBe(7);
    if (process.platform !== 'linux') return; // per-thread niceness is observable on Linux only
    for (let k = 0; k < 400 && threadNiceness().filter((n) => n === 7).length < 2; k++) await new Promise((r) => setTimeout(r, 50));
    expect(threadNiceness().filter((n) => n === 7).length).toBeGreaterThanOrEqual(2);
    expect(readFileSync('/proc/self/stat', 'utf8').slice(readFileSync('/proc/self/stat', 'utf8').lastIndexOf(')') + 2).split(' ')[16]).toBe('0');
  });
});

describe('closing the pool', () => {
  it('lets inference in flight finish (never terminates a worker mid-run), rejects what is queued, and ends every thread', async () => {
    const pool = new WorkerPool({ size: 2 });
    const analysis = analyzeModelBytes(tinyImageClassifier({ height: 8, width: 8, hidden: 6, classes: 3, seed: 1 }));
    const model = addHeadOutputs(analysis.model, analysis.index, analysis.head!).bytes; // 'features' becomes an output
    const task = (i: number) => {
      const input = new Float32Array(512 * 64).fill(i / 10);
      const batch = { kind: 'image' as const, pixels: input, count: 512, geometry: { height: 8, width: 8, channels: 1 }, channels: 1, spec: { layout: 'NCHW' as const, scale: 1, mean: [0], std: [1] } };
      return pool.run({ kind: 'infer', modelKey: 'tiny', modelBytes: model, executionProvider: 'cpu', inputs: { kind: 'image', inputs: [{ name: 'input', type: 'float32', shape: ['N', 1, 8, 8] }] }, batch, logitsName: 'logits', featuresName: 'features' }, { transfer: [input.buffer] });
    };
    const tasks = [0, 1, 2, 3, 4, 5].map((i) => task(i).then((r) => r.logits.length, (e: Error) => e.message));
    await new Promise((r) => setTimeout(r, 20)); // the first two are posted to the workers
    await pool.close();
    const results = await Promise.all(tasks);
    expect(results.filter((r) => r === 512 * 3).length).toBeGreaterThanOrEqual(2);
    expect(results.every((r) => r === 512 * 3 || r === 'The engine is shutting down.')).toBe(true);
    await expect(task(9)).rejects.toThrow(/closed/);
  });
});
