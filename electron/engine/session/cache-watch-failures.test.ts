// The cache watch after failures: a cell whose shard fails its checksum is read once, then not
// again until one of its shard files changes (the damaged shard rewritten), and then it loads; a
// watch that keeps finding nothing backs off (from the first idle pass after a failed local run,
// after IDLE_PASSES_BEFORE_BACKOFF otherwise) and returns to the minimum interval on progress.
// The cells are real shards in a real ResultCache (checksums verified); the cache-only load is a
// stand-in that reads each unit's shard as ShardAssembly.loadCached does.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResultCache } from '../cache/result-cache';
import type { ExtractionHooks, ExtractionPlan } from '../extraction/extraction-plan';
import { gridUnits } from '../extraction/grid-units';
import type { GridUnit } from '../extraction/grid-units';
import type { WorkerPool } from '../workers/worker-pool';
import { CacheWatch, IDLE_PASSES_BEFORE_BACKOFF, MAX_CACHE_POLL_MS, MIN_CACHE_POLL_MS } from './cache-watch';
import type { CacheCount } from './cache-watch';
import { passes, stubPlan } from '../../../tools/testing/cache-watch-fixture';

vi.mock('../extraction/extract-run', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  /** Cache-only: a cell is reported when every shard of it reads back intact. */
  runExtraction: async (plan: ExtractionPlan, hooks: ExtractionHooks) => {
    const units = gridUnits(plan);
    for (const model of plan.models) {
      const own = units.filter((u) => u.model.id === model.id);
      const shards = await Promise.all(own.map((u) => hooks.cache.readShard(u.key, u.shard, u.count)));
      if (shards.every((s) => s !== null)) hooks.onCell?.({ modelId: model.id, setId: own[0].set.id, accuracy: 1, executionProvider: 'cpu', nonFinite: { logits: 0, features: 0 } });
    }
  },
}));

function fixture(ids: string[], patience?: number) {
  const plan = stubPlan(ids);
  const problems: string[] = [];
  const cache = new ResultCache(mkdtempSync(path.join(tmpdir(), 'prunelens-watch-failures-')), (message) => problems.push(message), 'float32');
  const loaded = new Set<string>(['dense']); // the dense cell is there from the start
  const counts: CacheCount[] = [];
  const watch = new CacheWatch(
    {
      cache,
      pool: {} as WorkerPool,
      plan: async () => plan,
      has: (modelId) => loaded.has(modelId),
      onCell: (cell) => loaded.add(cell.modelId),
      onCount: (count) => counts.push(count),
      onComplete: () => undefined,
      onWarning: () => undefined,
    },
    MIN_CACHE_POLL_MS,
    patience,
  );
  const unit = (id: string) => gridUnits(plan).find((u) => u.model.id === id)!;
  const write = (u: GridUnit, fill: number) =>
    cache.writeShard(u.key, u.shard, 0, { count: u.count, classes: 3, featureDim: 4, logits: new Float32Array(u.count * 3).fill(fill), features: new Float32Array(u.count * 4).fill(fill), executionProvider: 'cpu' });
  return { cache, problems, loaded, counts, watch, unit, write };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('CacheWatch after a damaged shard', () => {
  it('reads a cell whose shard failed its checksum once, then only after its files change', async () => {
    const f = fixture(['dense', 'pruned', 'sparse']);
    await f.write(f.unit('pruned'), 1);
    const damaged = f.unit('sparse');
    await f.write(damaged, 2);
    const logits = f.cache.shardFile(damaged.key, damaged.shard, 'logits.npy');
    const bytes = readFileSync(logits);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(logits, bytes);
    const reads = vi.spyOn(f.cache, 'readShard');

    expect(await f.watch.sync()).toEqual({ cells: 2, total: 3, byOthers: 1 });
    expect(f.problems).toHaveLength(1);
    expect(f.problems[0]).toMatch(/checksum mismatch/);
    expect(reads.mock.calls.map((c) => c[0])).toEqual([f.unit('pruned').key, damaged.key]);

    reads.mockClear();
    for (let i = 0; i < 3; i++) expect(await f.watch.sync()).toEqual({ cells: 2, total: 3, byOthers: 1 });
    expect(reads).not.toHaveBeenCalled();
    expect(f.problems).toHaveLength(1);

    // The process computing it writes the shard again: the next pass reads and loads it.
    await f.write(damaged, 3);
    expect(await f.watch.sync()).toEqual({ cells: 3, total: 3, byOthers: 2 });
    expect(reads.mock.calls.map((c) => c[0])).toEqual([damaged.key]);
    expect(f.loaded.has('sparse')).toBe(true);
  });
});

describe('CacheWatch backoff', () => {
  /** Advances to each expected pass in turn: nothing a millisecond before, the pass at the time. */
  async function expectPassesAfter(f: ReturnType<typeof fixture>, delays: number[]): Promise<void> {
    for (const delay of delays) {
      const before = f.counts.length;
      expect(f.watch.nextDelayMs).toBe(delay);
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(f.counts.length).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      await passes(f.counts, before + 1);
    }
  }

  it('after a failed run (patience 0): doubles the interval per idle pass up to the maximum, back to the minimum on progress', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const f = fixture(['dense', 'pruned', 'sparse'], 0);
    await f.watch.sync();
    f.watch.start();
    await expectPassesAfter(f, [4000, 8000, 16_000, 32_000, MAX_CACHE_POLL_MS, MAX_CACHE_POLL_MS]);
    await f.write(f.unit('pruned'), 1); // another process delivers one cell
    await expectPassesAfter(f, [MAX_CACHE_POLL_MS]);
    expect(f.counts.at(-1)).toEqual({ cells: 2, total: 3, byOthers: 1 });
    expect(f.watch.nextDelayMs).toBe(MIN_CACHE_POLL_MS);
    f.watch.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('otherwise polls at the minimum interval for IDLE_PASSES_BEFORE_BACKOFF idle passes first', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const f = fixture(['dense', 'pruned']);
    await f.watch.sync();
    f.watch.start();
    await expectPassesAfter(f, Array.from({ length: IDLE_PASSES_BEFORE_BACKOFF }, () => MIN_CACHE_POLL_MS));
    await expectPassesAfter(f, [MIN_CACHE_POLL_MS * 2, MIN_CACHE_POLL_MS * 4]);
    f.watch.stop();
  });
});
