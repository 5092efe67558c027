// The grid index (cache/grid-index.ts): the first reopen of a computed grid writes one index file
// whose cells agree with the per-cell metrics files; a later reopen fills the evaluation table from
// that file alone (no metrics file, no shard left); a damaged index, or one of another grid, is
// never used.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { createEngine } from '../engine';
import type { Engine } from '../engine';
import { CELL_METRICS_VERSION, decodeCellMetrics } from '../cache/cell-metrics-store';
import type { CellSummary } from '../cache/cell-metrics-store';
import { GRID_INDEX_VERSION, gridIndexKey, readGridIndex, writeGridIndex } from '../cache/grid-index';

const COUNT = 200;
const bundle = writeImageFixtureBundle({ count: COUNT, corruptions: ['fog', 'snow'], severities: [3] });
const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-grid-index-'));
const engines: Engine[] = [];

function open(): Engine {
  const engine = createEngine({ transport: 'in-process', cacheDir, workers: 1 });
  engines.push(engine);
  return engine;
}

const walk = (dir: string): string[] => {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  } catch {
    return [];
  }
};
const indexFiles = () => walk(path.join(cacheDir, `grid-index-v${GRID_INDEX_VERSION}`));
const metricsFiles = () => walk(path.join(cacheDir, `metrics-v${CELL_METRICS_VERSION}`));
const accuracyOf = async (engine: Engine) => Array.from((await engine.getEvaluation({ path: bundle })).accuracy);

afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
});

describe('grid index', () => {
  it('is written on reopen, fills the table alone, and is ignored when damaged', async () => {
    const first = open();
    const finished = new Promise((resolve) => first.subscribe((e) => e.type === 'job-finished' && resolve(e)));
    await first.startAnalysis({ path: bundle });
    expect(await finished).toMatchObject({ status: 'done' });
    const expected = await accuracyOf(first);
    expect(expected).toHaveLength(6); // 2 models × (clean + fog-3 + snow-3)
    expect(expected.every(Number.isFinite)).toBe(true);

    // A reopen reads the metrics files and writes one index listing every cell as its file says.
    expect(await accuracyOf(open())).toEqual(expected);
    const [indexFile, ...more] = indexFiles();
    expect(more).toHaveLength(0);
    const gridKey = path.basename(indexFile, '.index');
    const indexed = (await readGridIndex(cacheDir, gridKey, COUNT))!;
    const metrics = metricsFiles();
    expect(metrics).toHaveLength(6);
    expect([...indexed.keys()].sort()).toEqual(metrics.map((f) => path.basename(f, '.cell')).sort());
    expect(gridKey).toBe(gridIndexKey([...indexed.keys()].reverse(), COUNT));
    for (const file of metrics) {
      const key = path.basename(file, '.cell');
      const m = decodeCellMetrics(new Uint8Array(readFileSync(file)), key, COUNT)!;
      expect(indexed.get(key)).toEqual({ count: m.count, correct: m.correct, classes: m.classes, executionProvider: m.executionProvider, nonFinite: m.nonFinite });
    }

    // Nothing but the index left: the table is whole, from one file.
    const intact = readFileSync(indexFile);
    for (const file of [...metrics, ...walk(path.join(cacheDir, 'v1'))]) rmSync(file);
    expect(await accuracyOf(open())).toEqual(expected);

    // A damaged index is not trusted: with nothing else to read, the cells stay empty.
    const damaged = Buffer.from(intact);
    damaged[damaged.length - 40] ^= 1;
    writeFileSync(indexFile, damaged);
    expect((await accuracyOf(open())).every(Number.isNaN)).toBe(true);
  }, 120_000);

  it('keys an index by every cell key and the sample count, and refuses mismatched entries', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'prunelens-grid-index-unit-'));
    const keys = ['b'.repeat(32), 'a'.repeat(32)];
    expect(gridIndexKey(keys, 10)).toBe(gridIndexKey([...keys].reverse(), 10));
    expect(gridIndexKey(keys, 10)).not.toBe(gridIndexKey(keys, 11));
    expect(gridIndexKey(keys, 10)).not.toBe(gridIndexKey([keys[0]], 10));
    const cell: CellSummary = { count: 10, correct: 7, classes: 3, executionProvider: 'cpu', nonFinite: { logits: 0, features: 1 } };
    const key = gridIndexKey(keys, 10);
    await writeGridIndex(root, key, new Map([[keys[0], cell], [keys[1], { ...cell, correct: 3 }]]));
    expect(await readGridIndex(root, key, 10)).toEqual(new Map([[keys[1], { ...cell, correct: 3 }], [keys[0], cell]]));
    // The same file read as another grid, or for another sample count, is refused.
    const file = walk(root)[0];
    const other = gridIndexKey([keys[0]], 10);
    const moved = path.join(path.dirname(path.dirname(file)), other.slice(0, 2), `${other}.index`);
    await writeGridIndex(root, other, new Map());
    writeFileSync(moved, readFileSync(file));
    expect(await readGridIndex(root, other, 10)).toBeNull();
    expect(await readGridIndex(root, key, 11)).toBeNull();
    // An entry that contradicts itself (more correct than samples) makes the whole index unusable.
    await writeGridIndex(root, key, new Map([[keys[0], { ...cell, correct: 11 }]]));
    expect(await readGridIndex(root, key, 10)).toBeNull();
  });
});
