// Warm reopen: a computed cell leaves a metrics file (cache/cell-metrics-store.ts) whose numbers
// match its shards, and a fresh engine fills the evaluation table from those files alone. A
// truncated, tampered or version-1 file is ignored (the shards are read and the file rewritten); with no
// shards to fall back on, the cell stays empty instead of showing a wrong number.
import { mkdtempSync, readdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../src-shared/api/contract';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { createEngine } from '../engine';
import type { Engine } from '../engine';
import { encodeCellMetricsV1 } from '../../../tools/testing/cell-metrics-v1';
import { CELL_METRICS_VERSION, decodeCellMetrics } from '../cache/cell-metrics-store';
import { GRID_INDEX_VERSION } from '../cache/grid-index';
import { ResultCache } from '../cache/result-cache';

const COUNT = 300;
const bundle = writeImageFixtureBundle({ count: COUNT, corruptions: ['fog'], severities: [2] });
const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-reopen-'));
const engines: Engine[] = [];

function open(): { engine: Engine; events: ApiEvent[] } {
  const engine = createEngine({ transport: 'in-process', cacheDir, workers: 1 });
  engines.push(engine);
  const events: ApiEvent[] = [];
  engine.subscribe((e) => events.push(e));
  return { engine, events };
}

const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const metricsFiles = () => walk(path.join(cacheDir, `metrics-v${CELL_METRICS_VERSION}`)).sort();
const keyOf = (file: string) => path.basename(file, '.cell');
const accuracyOf = async (engine: Engine) => Array.from((await engine.getEvaluation({ path: bundle })).accuracy);

afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
});

describe('reopening a bundle whose cache is complete', () => {
  it('fills the table from the metrics files, ignores damaged ones, never shows a wrong number', async () => {
    const first = open();
    const finished = new Promise((resolve) => first.engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
    await first.engine.startAnalysis({ path: bundle });
    expect(await finished).toMatchObject({ status: 'done' });
    const expected = await accuracyOf(first.engine);
    expect(expected).toHaveLength(4); // 2 models × (clean + fog-2)
    expect(expected.every(Number.isFinite)).toBe(true);

    // One metrics file per cell, agreeing with an argmax recomputed here from the cached logits.
    const files = metricsFiles();
    expect(files).toHaveLength(4);
    // Metrics files are named by the stored entry key (ResultCache.storedKey): a float32-keyed view of the cache opens that folder as is.
    const cache = new ResultCache(cacheDir, () => undefined, 'float32');
    const fromFiles: number[] = [];
    const correctOf = new Map<string, number>();
    for (const file of files) {
      const m = decodeCellMetrics(new Uint8Array(readFileSync(file)), keyOf(file), COUNT)!;
      expect(m).not.toBeNull();
      const shard = (await cache.readShard(keyOf(file), 0, COUNT))!;
      let correct = 0;
      for (let i = 0; i < COUNT; i++) {
        const row = Array.from(shard.logits.subarray(i * 3, i * 3 + 3));
        const pred = row.indexOf(Math.max(...row));
        expect(m.predictions[i]).toBe(pred);
        expect(m.correctFlags[i]).toBe(pred === i % 3 ? 1 : 0); // fixture labels are i mod 3
        correct += m.correctFlags[i];
      }
      expect(m.correct).toBe(correct);
      correctOf.set(file, correct);
      fromFiles.push(Math.fround(correct / COUNT)); // the table holds float32
    }
    expect(fromFiles.sort()).toEqual([...expected].sort());

    // Damaged metrics files with the shards still there: ignored, the shards read, the files rewritten
    // with the shards' numbers. So is a file of the old framing (version 1), though it claims every sample correct.
    const [truncated, tampered, old] = files;
    const claim = { count: COUNT, correct: COUNT, classes: 3, executionProvider: 'cpu', nonFinite: { logits: 0, features: 0 }, predictions: new Int32Array(COUNT), correctFlags: new Uint8Array(COUNT).fill(1) };
    writeFileSync(old, encodeCellMetricsV1(keyOf(old), claim));
    writeFileSync(truncated, readFileSync(truncated).subarray(0, 40));
    const bytes = readFileSync(tampered);
    bytes[bytes.length - 40] ^= 1;
    writeFileSync(tampered, bytes);
    const second = open();
    expect(await accuracyOf(second.engine)).toEqual(expected);
    for (const file of [truncated, tampered, old]) expect(decodeCellMetrics(new Uint8Array(readFileSync(file)), keyOf(file), COUNT)?.correct).toBe(correctOf.get(file));

    // No shard data at all: the table comes from the metrics files alone, with no run.
    for (const file of walk(path.join(cacheDir, 'v1'))) if (file.endsWith('.npy')) rmSync(file);
    const third = open();
    expect(await accuracyOf(third.engine)).toEqual(expected);
    expect(third.events.some((e) => e.type === 'job-progress')).toBe(false);

    // …and a tampered metrics file with nothing to fall back on (no shards, no grid index:
    // cache/grid-index.ts, tested in grid-index-reopen.test.ts) leaves its cell empty (NaN), not wrong.
    const again = readFileSync(tampered);
    again[again.length - 40] ^= 1;
    writeFileSync(tampered, again);
    rmSync(path.join(cacheDir, `grid-index-v${GRID_INDEX_VERSION}`), { recursive: true, force: true });
    const fourth = open();
    const shown = await accuracyOf(fourth.engine);
    expect(shown.filter(Number.isNaN)).toHaveLength(1);
    shown.forEach((a, k) => Number.isNaN(a) || expect(a).toBe(expected[k]));
  }, 120_000);
});
