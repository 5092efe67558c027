// `prunelens slurm --submit` on a real single-node Slurm (tools/slurm/start-local-slurm.sh; CI
// starts it in .ci/run, where this test is required, not skipped): the job array fills a fresh
// cache exactly as a single-process extraction does, and a task killed mid-run (scancel) loses
// nothing once the array is simply resubmitted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCaches } from '../../tools/testing/cache-compare';
import { ResultCache } from '../engine/cache/result-cache';
import { writeImageFixtureBundle } from '../../tools/testing/fixture-bundle';
import { requireTool } from '../../tools/testing/require-tool';
import { runCliCaptured } from '../../tools/testing/run-cli';

const localConf = '/tmp/prunelens-slurm/slurm.conf';
if (!process.env.SLURM_CONF && existsSync(localConf)) process.env.SLURM_CONF = localConf;
const slurmUp = spawnSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8' }).status === 0;
const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `prunelens-slurm-${name}-`));

async function cliJson<T>(args: string[]): Promise<T> {
  const run = await runCliCaptured(args);
  if (run.code !== 0) throw new Error(`prunelens ${args.join(' ')} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

interface Status {
  done: number;
  total: number;
  complete: boolean;
  slices: { index: number; done: number; total: number }[];
  queue: { tasks: number; states: Record<string, number> } | null;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('prunelens slurm on a single-node Slurm', () => {
  it('runs the grid as a job array; a cancelled task is resubmitted and nothing is lost', async (context) => {
    requireTool(context, 'Slurm (sinfo/sbatch with running daemons)', slurmUp, 'apt-get install slurm-wlm munge; tools/slurm/start-local-slurm.sh');
    process.env.PRUNELENS_CACHE = temp('state'); // job records, kept out of the user's cache
    // 2 models × 5 sets × 3 shards = 30 units, about 10 per task.
    const bundle = writeImageFixtureBundle({ count: 2500, corruptions: ['gaussian_noise', 'fog'], severities: [1, 3] });
    const reference = temp('reference');
    expect((await runCliCaptured(['extract', bundle, '--cache', reference])).code).toBe(0);

    const work = temp('job');
    const cache = path.join(work, 'cache');
    // Hold one of task 1's shards with a live claim (this process), so task 1 is certainly still
    // running — waiting for it — when it is cancelled.
    const plans = await Promise.all([0, 1, 2].map((i) => cliJson<{ work: { key: string; shard: number }[] }>(['extract', bundle, '--plan', '--json', '--shard', `${i}/3`, '--cache', cache])));
    const sizes = plans.map((p) => p.work.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(30);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
    const held = plans[1].work[4];
    // Where the jobs look for it: the entry folder of the cache's feature storage (float16 by default).
    const claim = new ResultCache(cache).shardFile(held.key, held.shard, 'claim');
    mkdirSync(path.dirname(claim), { recursive: true });
    writeFileSync(claim, JSON.stringify({ pid: process.pid, host: os.hostname(), time: new Date().toISOString(), nonce: 'test-holds-this' }), { flag: 'wx' });

    const submit = ['slurm', bundle, '--array', '3', '--cache', cache, '--out', path.join(work, 'job.sbatch'), '--submit'];
    const first = await runCliCaptured(submit);
    expect(first.code, first.stderr).toBe(0);
    const jobId = first.stdout.trim();
    expect(jobId).toMatch(/^\d+$/);
    expect(readFileSync(path.join(work, 'job.sbatch'), 'utf8')).toContain(`--shard "\${SLURM_ARRAY_TASK_ID}/3"`);
    const status = () => cliJson<Status>(['slurm', '--status', jobId, '--json']);

    await waitFor('tasks 0 and 2 to finish and task 1 to wait on the held shard', async () => {
      const s = await status();
      return s.slices[0].done === sizes[0] && s.slices[2].done === sizes[2] && s.slices[1].done === sizes[1] - 1;
    });
    expect(spawnSync('scancel', [`${jobId}_1`]).status).toBe(0);
    await waitFor('the first array to leave the queue', async () => (await status()).queue?.tasks === 0);
    const afterCancel = await status();
    expect(afterCancel).toMatchObject({ done: 29, total: 30, complete: false });
    expect(JSON.parse(readFileSync(claim, 'utf8')).nonce).toBe('test-holds-this'); // a live claim is never taken
    expect(readdirSync(path.join(work, 'slurm-logs')).filter((f) => f.startsWith(`${jobId}_`)).sort()).toEqual([0, 1, 2].map((i) => `${jobId}_${i}.log`));
    expect(readFileSync(path.join(work, 'slurm-logs', `${jobId}_0.log`), 'utf8')).toMatch(new RegExp(`Slice 0/3: ${sizes[0]} units .*: ${sizes[0]} computed`));

    rmSync(claim); // the holder is gone; resubmitting the array redoes only what is missing
    const second = await runCliCaptured(submit);
    expect(second.code, second.stderr).toBe(0);
    const secondId = second.stdout.trim();
    await waitFor('the resubmitted array to finish', async () => (await cliJson<Status>(['slurm', '--status', secondId, '--json'])).queue?.tasks === 0);
    expect(await cliJson<Status>(['slurm', '--status', secondId, '--json'])).toMatchObject({ done: 30, total: 30, complete: true });
    expect(readFileSync(path.join(work, 'slurm-logs', `${secondId}_1.log`), 'utf8')).toMatch(new RegExp(`Slice 1/3: ${sizes[1]} units .*: 1 computed, ${sizes[1] - 1} already cached`));
    expect(await compareCaches(reference, cache)).toEqual([]);
  }, 180_000);
});
