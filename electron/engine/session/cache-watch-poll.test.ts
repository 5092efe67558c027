// The cache watch's timer: passes at most every MIN_CACHE_POLL_MS, none after stop() or once the
// grid is complete, and no timer left behind in either case.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResultCache } from '../cache/result-cache';
import type { WorkerPool } from '../workers/worker-pool';
import { CacheWatch, MIN_CACHE_POLL_MS } from './cache-watch';
import type { CacheCount, WatchTarget } from './cache-watch';
import { passes, stubPlan } from '../../../tools/testing/cache-watch-fixture';

const plan = stubPlan(['dense', 'pruned']);

function target(has: (modelId: string) => boolean) {
  const counts: CacheCount[] = [];
  const calls = { plan: 0, complete: 0 };
  const t: WatchTarget = {
    cache: new ResultCache(mkdtempSync(path.join(tmpdir(), 'prunelens-watch-poll-')), () => undefined),
    pool: {} as WorkerPool,
    plan: async () => {
      calls.plan++;
      return plan;
    },
    has: (modelId) => has(modelId),
    onCell: () => undefined,
    onCount: (count) => counts.push(count),
    onComplete: () => calls.complete++,
    onWarning: () => undefined,
  };
  return { t, counts, calls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('CacheWatch polling', () => {
  it('polls no more often than every 2 s while cells are missing, and stops on stop()', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { t, counts, calls } = target((id) => id === 'dense');
    const watch = new CacheWatch(t, 100); // asked for 100 ms: clamped to the minimum
    expect(await watch.sync()).toEqual({ cells: 1, total: 2, byOthers: 0 });
    watch.start();
    watch.start(); // idempotent: one timer
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(MIN_CACHE_POLL_MS - 1);
    expect(calls.plan).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await passes(counts, 2);
    expect(calls.plan).toBe(2);
    for (let i = 3; i <= 5; i++) {
      await vi.advanceTimersByTimeAsync(MIN_CACHE_POLL_MS);
      await passes(counts, i);
    }
    expect(calls.plan).toBe(5);
    expect(counts.at(-1)).toEqual({ cells: 1, total: 2, byOthers: 0 });
    watch.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * MIN_CACHE_POLL_MS);
    expect(calls.plan).toBe(5);
    expect(watch.active).toBe(false);
  });

  it('stops by itself once the grid is complete (no complete event when it loaded nothing)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let pruned = false;
    const { t, counts, calls } = target((id) => id === 'dense' || pruned);
    const watch = new CacheWatch(t);
    await watch.sync();
    watch.start();
    pruned = true; // e.g. a local run finished the last cell
    await vi.advanceTimersByTimeAsync(MIN_CACHE_POLL_MS);
    await passes(counts, 2);
    expect(counts[1]).toEqual({ cells: 2, total: 2, byOthers: 0 });
    expect(watch.active).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    expect(calls.complete).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * MIN_CACHE_POLL_MS);
    expect(calls.plan).toBe(2);
  });
});
