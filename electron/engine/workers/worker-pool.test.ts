// Workers run extraction at a lower priority than the UI and the engine's request handling.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
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
