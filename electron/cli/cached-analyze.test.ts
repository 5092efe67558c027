// A cached `analyze` (the same grid again, on the same cache) writes exactly the cold run's
// outputs: samples.csv and samples.parquet byte for byte, summary.json byte for byte but for its
// createdAt; it computes nothing (no shard rewritten) and reuses the model analyses
// (bundle/model-analysis-cache.ts). Without them and without a grid index (cache/grid-index.ts,
// written when a bundle is reopened), as in a cache from before them, the outputs are the same again.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesBelow } from '../../tools/testing/files-below';
import { runCliCaptured } from '../../tools/testing/run-cli';
import { writeImageFixtureBundle } from '../../tools/testing/fixture-bundle';
import { MODEL_ANALYSIS_VERSION } from '../engine/bundle/model-analysis-cache';
import { GRID_INDEX_VERSION } from '../engine/cache/grid-index';

const work = mkdtempSync(path.join(tmpdir(), 'prunelens-cached-analyze-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const bundle = writeImageFixtureBundle({ count: 250, corruptions: ['contrast', 'fog'], severities: [1, 4] });
const cache = path.join(work, 'cache');

async function analyze(name: string) {
  const out = path.join(work, name);
  const run = await runCliCaptured(['analyze', bundle, '--out', out, '--cache', cache]);
  expect(run.stderr).not.toMatch(/prunelens analyze:/);
  expect(run.code).toBe(0);
  const read = (file: string) => readFileSync(path.join(out, file));
  // The printed evaluation table, without the output folder's name.
  return { csv: read('samples.csv'), parquet: read('samples.parquet'), summary: read('summary.json').toString('utf8'), stdout: run.stdout.split(out).join('OUT') };
}

/** summary.json with its creation time blanked (the one field that differs between runs). */
const timeless = (summary: string) => {
  expect(summary).toMatch(/"createdAt": "\d{4}-\d\d-\d\dT[^"]+"/);
  return summary.replace(/"createdAt": "[^"]+"/, '"createdAt": ""');
};

/** Every shard file's path and modification time. */
const shardTimes = () => filesBelow(path.join(cache, 'v1'), '').map((f) => `${f} ${statSync(f).mtimeMs}`);

describe('a cached analyze', () => {
  it('writes the cold run\'s outputs byte for byte without computing anything', async () => {
    const cold = await analyze('cold');
    expect(cold.csv.toString('utf8').split('\n').length).toBeGreaterThan(2 * 5 * 250); // 2 models × 5 sets × 250 rows
    const shards = shardTimes();
    expect(shards.length).toBeGreaterThan(0);
    const analyses = filesBelow(path.join(cache, `model-analysis-v${MODEL_ANALYSIS_VERSION}`), '');
    expect(analyses.filter((f) => f.endsWith('.prepared'))).toHaveLength(2);
    expect(analyses.filter((f) => f.endsWith('.card'))).toHaveLength(2);

    const cached = await analyze('cached');
    expect(Buffer.compare(cached.csv, cold.csv)).toBe(0);
    expect(Buffer.compare(cached.parquet, cold.parquet)).toBe(0);
    expect(timeless(cached.summary)).toBe(timeless(cold.summary));
    expect(cached.stdout).toBe(cold.stdout);
    expect(shardTimes()).toEqual(shards);

    // …and the same again with the index and model analyses gone (the reopen path before them).
    for (const dir of [`model-analysis-v${MODEL_ANALYSIS_VERSION}`, `grid-index-v${GRID_INDEX_VERSION}`]) rmSync(path.join(cache, dir), { recursive: true, force: true });
    const again = await analyze('again');
    expect(Buffer.compare(again.csv, cold.csv)).toBe(0);
    expect(Buffer.compare(again.parquet, cold.parquet)).toBe(0);
    expect(timeless(again.summary)).toBe(timeless(cold.summary));
    expect(shardTimes()).toEqual(shards);
  }, 180_000);
});
