// A killed extraction (SIGKILL mid-run, as a crash or an out-of-memory kill would) leaves only
// whole shards; a rerun resumes from them and produces exactly what an uninterrupted run does.
// The kill waits on its condition (some shards on disk, the child still running) with a deadline
// far above what a quiet machine needs (the whole test takes 3–4 s), and the test's timeout covers
// that wait plus both reruns, so a loaded machine (the whole suite on 2 cores) makes it slower, not flaky.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
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
const children: ChildProcess[] = [];
const shardMetas = (cacheDir: string) => filesBelow(cacheDir, '.json').filter((f) => /shard-/.test(f)).length;

// Polls until `ready()`; fails (with the child's stderr) if the child exits first or the deadline passes.
async function whileRunning(child: ChildProcess, stderr: () => string, ready: () => boolean, deadlineMs: number, what: string): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!ready()) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`extract exited (${child.exitCode ?? child.signalCode}) before ${what}: ${stderr()}`);
    if (Date.now() > deadline) throw new Error(`no ${what} within ${deadlineMs / 1000} s: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function extractInProcess(cacheDir: string) {
  const engine = createEngine({ transport: 'in-process', cacheDir, workers: 2 });
  engines.push(engine);
  const finished = new Promise((resolve) => engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
  await engine.startAnalysis({ path: bundle });
  expect(await finished).toMatchObject({ status: 'done' });
  return engine;
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(engines.map((e) => e.dispose()));
});

describe('resume after a kill', () => {
  it('keeps finished shards, never half-written ones, and completes on rerun', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-kill-'));
    const child = spawn(process.execPath, [path.join(repo, 'bin', 'prunelens.mjs'), 'extract', bundle, '--cache', cacheDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    const exited = new Promise((r) => child.once('exit', r));
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    // Kill once some — not all — shards are on disk (2 models × 10 sets × 4 shards = 80).
    await whileRunning(child, () => stderr, () => shardMetas(cacheDir) >= 6, 150_000, 'six shards on disk');
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    const afterKill = shardMetas(cacheDir);
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(80);

    const resumed = await extractInProcess(cacheDir);
    expect(shardMetas(cacheDir)).toBe(80);
    expect(filesBelow(cacheDir, 'logits.npy')).toHaveLength(80);

    const fresh = await extractInProcess(mkdtempSync(path.join(tmpdir(), 'prunelens-fresh-')));
    for (const setId of ['clean', 'fog-s3', 'contrast-s5']) {
      const a = await resumed.getSampleMetrics({ path: bundle, modelId: 'pruned', setId });
      const b = await fresh.getSampleMetrics({ path: bundle, modelId: 'pruned', setId });
      expect(a.count).toBe(4096);
      expect(Array.from(a.logitMargin)).toEqual(Array.from(b.logitMargin));
    }
    expect((await resumed.getEvaluation({ path: bundle })).accuracy).toEqual((await fresh.getEvaluation({ path: bundle })).accuracy);
  }, 400_000); // the kill's 150 s deadline plus two whole runs, each a few seconds on a quiet machine
});
