// Several `prunelens extract --shard` processes (real child processes) filling ONE cache at once
// produce exactly the cache a single process does; claims keep them from computing a shard twice.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_ANALYSIS_VERSION } from '../engine/bundle/model-analysis-cache';
import { CELL_METRICS_VERSION } from '../engine/cache/cell-metrics-store';
import { compareCaches } from '../../tools/testing/cache-compare';
import { filesBelow } from '../../tools/testing/files-below';
import { writeImageFixtureBundle } from '../../tools/testing/fixture-bundle';
import { runCliCaptured } from '../../tools/testing/run-cli';

const repo = path.resolve(import.meta.dirname, '..', '..');
// 2 models × 5 sets × 3 shards (2,500 samples) = 30 units.
const bundle = writeImageFixtureBundle({ count: 2500, corruptions: ['gaussian_noise', 'fog'], severities: [1, 3] });
const tempCache = (name: string) => mkdtempSync(path.join(tmpdir(), `prunelens-${name}-`));

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repo, 'bin', 'prunelens.mjs'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const shardRun = (cache: string, spec: string) => cli(['extract', bundle, '--shard', spec, '--cache', cache, '--workers', '1', '--json']);

describe('extract --shard on one shared cache', () => {
  const single = tempCache('single');

  it('plans the whole grid on an empty cache, nothing once a single process has run it', async () => {
    const before = JSON.parse((await runCliCaptured(['extract', bundle, '--plan', '--json', '--cache', single])).stdout);
    expect(before.grid).toMatchObject({ models: 2, sets: 5, shardsPerCell: 3, units: 30, samples: 25_000 });
    expect(before.missing).toMatchObject({ units: 30, samples: 25_000 });
    expect(before.work).toHaveLength(30);
    expect((await runCliCaptured(['extract', bundle, '--cache', single])).code).toBe(0);
    const after = JSON.parse((await runCliCaptured(['extract', bundle, '--plan', '--json', '--cache', single])).stdout);
    expect(after.missing).toEqual({ units: 0, samples: 0, bytes: 0 });
  }, 60_000);

  it('3 concurrent slices 0/3, 1/3, 2/3 fill the cache exactly as the single process did', async () => {
    const shared = tempCache('sliced');
    const runs = await Promise.all(['0/3', '1/3', '2/3'].map((spec) => shardRun(shared, spec)));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const reports = runs.map((r) => JSON.parse(r.stdout));
    expect(reports.map((r) => r.units).reduce((a, b) => a + b, 0)).toBe(30);
    expect(reports.map((r) => r.computed).reduce((a, b) => a + b, 0)).toBe(30); // disjoint slices: nothing twice
    expect(await compareCaches(single, shared)).toEqual([]);
    // A rerun of a finished slice computes nothing.
    expect(JSON.parse((await shardRun(shared, '1/3')).stdout)).toMatchObject({ computed: 0, cached: reports[1].units });
    // analyze reads the complete cache as it is: no shard rewritten, the same samples table. The first
    // analyze may add the derived per-cell metrics files (metrics-v<version>/, written when a cell completes in one
    // process, which a sliced run never does) and model cards (model-analysis-v<version>/, written by openBundle);
    // a second analyze then rewrites nothing at all.
    const metrics = `metrics-v${CELL_METRICS_VERSION}/`;
    const stamps = () => filesBelow(shared, '').map((f) => `${path.relative(shared, f)} ${statSync(f).mtimeMs}`);
    const shardStamps = () => stamps().filter((s) => !s.startsWith(metrics) && !s.startsWith(`model-analysis-v${MODEL_ANALYSIS_VERSION}/`));
    const before = shardStamps();
    const [outShared, outSingle] = [tempCache('analysis-sliced'), tempCache('analysis-single')];
    expect((await runCliCaptured(['analyze', bundle, '--cache', shared, '--out', outShared])).code).toBe(0);
    expect(shardStamps()).toEqual(before);
    const afterFirst = stamps();
    expect(afterFirst.filter((s) => s.startsWith(metrics))).toHaveLength(2 * 5); // one per cell
    expect((await runCliCaptured(['analyze', bundle, '--cache', shared, '--out', outShared])).code).toBe(0);
    expect(stamps()).toEqual(afterFirst);
    expect((await runCliCaptured(['analyze', bundle, '--cache', single, '--out', outSingle])).code).toBe(0);
    const table = (dir: string) => readFileSync(path.join(dir, 'samples.csv'), 'utf8');
    expect(table(outShared).split('\n')).toHaveLength(2 * 5 * 2500 + 2); // header + rows + final newline
    expect(table(outShared)).toBe(table(outSingle));
  }, 120_000);

  it('two processes on the SAME slice share the work through claims and leave the same cache', async () => {
    const shared = tempCache('contended');
    const runs = await Promise.all([shardRun(shared, '0/1'), shardRun(shared, '0/1')]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const reports = runs.map((r) => JSON.parse(r.stdout));
    // Every unit computed exactly once between them; the rest each found cached or waited for.
    expect(reports[0].computed + reports[1].computed).toBe(30);
    for (const r of reports) expect(r.computed + r.cached + r.byOthers).toBe(30);
    expect(await compareCaches(single, shared)).toEqual([]);
  }, 90_000);
});
