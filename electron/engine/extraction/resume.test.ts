// A killed extraction (SIGKILL mid-run, as a crash or an out-of-memory kill would) leaves only
// whole shards; a rerun resumes from them and produces exactly what an uninterrupted run does.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { filesBelow } from '../../../tools/testing/files-below';
import { createEngine } from '../engine';
import type { Engine } from '../engine';

const repo = path.resolve(import.meta.dirname, '..', '..', '..');
const bundle = writeImageFixtureBundle({ count: 4096, corruptions: ['gaussian_noise', 'fog', 'contrast'], severities: [1, 3, 5] });
const engines: Engine[] = [];

async function extractInProcess(cacheDir: string) {
  const engine = createEngine({ transport: 'in-process', cacheDir, workers: 2 });
  engines.push(engine);
  const finished = new Promise((resolve) => engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
  await engine.startAnalysis({ path: bundle });
  expect(await finished).toMatchObject({ status: 'done' });
  return engine;
}

afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
});

describe('resume after a kill', () => {
  it('keeps finished shards, never half-written ones, and completes on rerun', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-kill-'));
    const child = spawn(process.execPath, [path.join(repo, 'bin', 'prunelens.mjs'), 'extract', bundle, '--cache', cacheDir], { stdio: 'ignore' });
    // Kill once some — not all — shards are on disk (2 models × 10 sets × 4 shards = 80).
    for (let i = 0; i < 1200 && filesBelow(cacheDir, '.json').filter((f) => /shard-/.test(f)).length < 6; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const afterKill = filesBelow(cacheDir, '.json').filter((f) => /shard-/.test(f)).length;
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(80);

    const resumed = await extractInProcess(cacheDir);
    expect(filesBelow(cacheDir, '.json').filter((f) => /shard-/.test(f))).toHaveLength(80);
    expect(filesBelow(cacheDir, 'logits.npy')).toHaveLength(80);

    const fresh = await extractInProcess(mkdtempSync(path.join(tmpdir(), 'prunelens-fresh-')));
    for (const setId of ['clean', 'fog-s3', 'contrast-s5']) {
      const a = await resumed.getSampleMetrics({ path: bundle, modelId: 'pruned', setId });
      const b = await fresh.getSampleMetrics({ path: bundle, modelId: 'pruned', setId });
      expect(a.count).toBe(4096);
      expect(Array.from(a.logitMargin)).toEqual(Array.from(b.logitMargin));
    }
    expect((await resumed.getEvaluation({ path: bundle })).accuracy).toEqual((await fresh.getEvaluation({ path: bundle })).accuracy);
  });
});
