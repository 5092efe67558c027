// When a cell's metrics file (cache/cell-metrics-store.ts) is written: for a cell this run
// computed; for a cell read back from the cache only when it has no file (filled by sliced runs)
// or its file did not read (a run's loadMetrics, or the caller: repairMetrics, the cache watch),
// a version-1 file included. A cell read back whole with its file leaves it untouched.
// Logits are chosen so that the argmax and correctness of each sample are known here.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCellMetricsV1 } from '../../../tools/testing/cell-metrics-v1';
import { CELL_METRICS_VERSION, cellMetricsPath, readCellMetrics } from '../cache/cell-metrics-store';
import { ResultCache } from '../cache/result-cache';
import type { CellDone, ExtractionHooks, ExtractionPlan } from './extraction-plan';
import { cellCacheKey } from './extraction-plan';
import type { PreparedModel } from './prepared-model';
import { ShardAssembly } from './shard-assembly';

const model = { id: 'dense', hash: 'hash-dense', head: { featureTensor: 'f', classes: 3, featureDim: 2 } } as unknown as PreparedModel;
const set = { id: 'clean', corruption: 'clean', severity: 0, group: 'clean' } as const;
const labels = Int32Array.from([0, 1, 2, 0]);
const plan = {
  models: [model], sets: [set], count: 4, dataKey: 'data:4', corruptionSeed: 0,
  preprocessing: { layout: 'NCHW', scale: 255, mean: [0], std: [1] }, executionProvider: 'cpu', source: { labels },
} as unknown as ExtractionPlan;
// Argmax per row: 0, 2, 2, 1 → correct, wrong, correct, wrong.
const logits = Float32Array.from([5, 1, 0, 0, 1, 3, -1, -2, 4, 0, 2, 1]);
const features = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);

function run(cache: ResultCache, options: Partial<ExtractionHooks> = {}) {
  const cells: CellDone[] = [];
  const assembly = new ShardAssembly(plan, { pool: {} as never, cache, onCell: (cell) => cells.push(cell), ...options }, 1024);
  return { assembly, cells };
}

describe('cell metrics writes', () => {
  const cache = new ResultCache(mkdtempSync(path.join(tmpdir(), 'prunelens-metrics-writes-')), () => undefined, 'float32');
  const file = cellMetricsPath(cache.root, cellCacheKey(model, set, plan));

  it('a computed cell writes its file, with the argmax and correctness of every sample', async () => {
    const { assembly, cells } = run(cache);
    expect(await assembly.addBatch(model, set, 0, 4, { kind: 'infer', taskId: 0, logits: logits.slice(), features: features.slice(), executionProvider: 'cpu' })).toBe(true);
    expect(cells).toEqual([{ modelId: 'dense', setId: 'clean', accuracy: 0.5, executionProvider: 'cpu', nonFinite: { logits: 0, features: 0 } }]);
    const written = await readCellMetrics(cache.root, cellCacheKey(model, set, plan), 4);
    expect(written).toMatchObject({ count: 4, correct: 2, classes: 3, executionProvider: 'cpu' });
    expect(Array.from(written!.predictions)).toEqual([0, 2, 2, 1]);
    expect(Array.from(written!.correctFlags)).toEqual([1, 0, 1, 0]);
  });

  it('a cell read back whole leaves its file untouched, and writes a missing one', async () => {
    const before = statSync(file);
    const first = run(cache);
    expect(await first.assembly.loadCached(set, 0, () => undefined)).toEqual([]);
    expect(first.cells.map((c) => c.accuracy)).toEqual([0.5]);
    const after = statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);

    rmSync(file);
    const second = run(cache);
    expect(await second.assembly.loadCached(set, 0, () => undefined)).toEqual([]);
    expect(second.cells).toHaveLength(1);
    const rewritten = await readCellMetrics(cache.root, cellCacheKey(model, set, plan), 4);
    expect(rewritten).toMatchObject({ count: 4, correct: 2 });
    expect(Array.from(rewritten!.predictions)).toEqual([0, 2, 2, 1]);
  });

  it('a run that found the file damaged (loadMetrics) reads the shards and rewrites it', async () => {
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(file, bytes);
    const { assembly, cells } = run(cache);
    expect(await assembly.loadMetrics(set, () => undefined)).toEqual([model]);
    expect(cells).toEqual([]);
    expect(await assembly.loadCached(set, 0, () => undefined)).toEqual([]);
    expect(cells).toHaveLength(1);
    const rewritten = await readCellMetrics(cache.root, cellCacheKey(model, set, plan), 4);
    expect(rewritten).toMatchObject({ count: 4, correct: 2 });
    expect(Array.from(rewritten!.predictions)).toEqual([0, 2, 2, 1]);
  });

  it('a version-1 file (the old framing) is never trusted: the run reads the shards and rewrites it with their numbers', async () => {
    // The old file claims every sample correct: trusted, the cell would show accuracy 1.
    const claim = { count: 4, correct: 4, classes: 3, executionProvider: 'cpu', nonFinite: { logits: 0, features: 0 }, predictions: Int32Array.from([0, 1, 2, 0]), correctFlags: Uint8Array.from([1, 1, 1, 1]) };
    for (const version of [1, CELL_METRICS_VERSION]) {
      writeFileSync(file, encodeCellMetricsV1(cellCacheKey(model, set, plan), claim, version));
      const { assembly, cells } = run(cache);
      expect(await assembly.loadMetrics(set, () => undefined)).toEqual([model]);
      expect(await assembly.loadCached(set, 0, () => undefined)).toEqual([]);
      expect(cells.map((c) => c.accuracy)).toEqual([0.5]);
      const rewritten = await readCellMetrics(cache.root, cellCacheKey(model, set, plan), 4);
      expect(rewritten).toMatchObject({ count: 4, correct: 2, classes: 3, executionProvider: 'cpu', nonFinite: { logits: 0, features: 0 } });
      expect(Array.from(rewritten!.predictions)).toEqual([0, 2, 2, 1]);
      expect(Array.from(rewritten!.correctFlags)).toEqual([1, 0, 1, 0]);
    }
  });

  it('with repairMetrics (the caller found the file missing or damaged), a read-back cell writes it', async () => {
    rmSync(file, { force: true });
    const { assembly, cells } = run(cache, { repairMetrics: true });
    expect(await assembly.loadCached(set, 0, () => undefined)).toEqual([]);
    expect(cells).toHaveLength(1);
    const repaired = await readCellMetrics(cache.root, cellCacheKey(model, set, plan), 4);
    expect(repaired).toMatchObject({ count: 4, correct: 2 });
    expect(Array.from(repaired!.predictions)).toEqual([0, 2, 2, 1]);
  });
});
