// The sbatch script `prunelens slurm` writes (valid bash, absolute paths, the array over
// --shard i/N, GPU and CPU settings from the allocation), and --submit / --status through a
// stand-in sbatch, so this part is checked on machines without Slurm too.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../../tools/testing/fixture-bundle';
import { runCliCaptured } from '../../tools/testing/run-cli';
import { sbatchScript, shellQuote } from './slurm-script';

const base = { jobName: 'prunelens-demo', array: 4, node: '/opt/node/bin/node', prunelens: '/src/prune lens/bin/prunelens.mjs', bundle: '/shared/demo', cache: '/shared/cache', logs: '/shared/logs', request: {} };

describe('sbatch script', () => {
  it('is valid bash with the array, one log per task and absolute, quoted paths', () => {
    const text = sbatchScript({ ...base, request: { models: ['gmp-80'], corruptions: ['fog', 'snow'], severities: [1, 5], limit: 500 }, partition: 'gpu', time: '01:00:00' });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'prunelens-sbatch-')), 'job.sbatch');
    writeFileSync(file, text);
    expect(spawnSync('bash', ['-n', file]).status).toBe(0);
    for (const line of ['#SBATCH --array=0-3', '#SBATCH --output=/shared/logs/%A_%a.log', '#SBATCH --partition=gpu', '#SBATCH --time=01:00:00', "PRUNELENS='/src/prune lens/bin/prunelens.mjs'", 'WORKERS="${SLURM_CPUS_PER_TASK:-1}"', 'EP=cpu']) {
      expect(text.split('\n')).toContain(line);
    }
    expect(text).toContain('extract "$BUNDLE" --shard "${SLURM_ARRAY_TASK_ID}/4" --cache "$CACHE" --ep "$EP" --workers "$WORKERS" --models gmp-80 --corruptions fog,snow --severities 1,5 --limit 500');
    expect(text).not.toContain('gpus-per-task');
    expect(text).not.toContain('EP=cuda');
  });

  it('uses CUDA only when GPUs are requested and the allocation exposes them', () => {
    const text = sbatchScript({ ...base, gpusPerTask: 2, cpusPerTask: 8 });
    expect(text).toContain('#SBATCH --gpus-per-task=2');
    expect(text).toContain('#SBATCH --cpus-per-task=8');
    const ep = (env: Record<string, string>) => {
      const lines = text.split('\n').filter((l) => l.startsWith('EP=') || l.startsWith('if [ -n "${CUDA'));
      return spawnSync('bash', ['-c', `${lines.join('\n')}\necho $EP`], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' }).stdout.trim();
    };
    expect(ep({ CUDA_VISIBLE_DEVICES: '0,1' })).toBe('cuda');
    expect(ep({})).toBe('cpu');
    expect(ep({ CUDA_VISIBLE_DEVICES: 'NoDevFiles' })).toBe('cpu');
  });

  it('quotes for the shell', () => {
    expect(shellQuote('/plain/path-1.x')).toBe('/plain/path-1.x');
    expect(spawnSync('bash', ['-c', `printf %s ${shellQuote("it's $HOME `x`")}`], { encoding: 'utf8' }).stdout).toBe("it's $HOME `x`");
  });

  it('--submit records the job id sbatch prints; --status <id> reads progress from the cache', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'prunelens-fake-sbatch-'));
    const sbatch = path.join(dir, 'sbatch');
    writeFileSync(sbatch, `#!/bin/sh\necho "$@" > "${dir}/args"\necho "4242;cluster"\n`);
    chmodSync(sbatch, 0o755);
    process.env.PRUNELENS_SBATCH = sbatch;
    process.env.PRUNELENS_SQUEUE = path.join(dir, 'no-squeue');
    process.env.PRUNELENS_CACHE = path.join(dir, 'state');
    const bundle = writeImageFixtureBundle({ count: 300, corruptions: ['fog'], severities: [1] }); // 2 models × 2 sets
    const cache = path.join(dir, 'cache');
    const submitted = await runCliCaptured(['slurm', bundle, '--array', '2', '--cache', cache, '--out', path.join(dir, 'job.sbatch'), '--submit']);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(submitted.stdout.trim()).toBe('4242');
    expect(readFileSync(path.join(dir, 'args'), 'utf8').trim()).toBe(`--parsable ${path.join(dir, 'job.sbatch')}`);
    expect(existsSync(path.join(dir, 'slurm-logs'))).toBe(true);
    const status = async () => JSON.parse((await runCliCaptured(['slurm', '--status', '4242', '--json'])).stdout);
    expect(await status()).toMatchObject({ jobId: '4242', done: 0, total: 4, complete: false, queue: null, slices: [{ index: 0, done: 0, total: 2 }, { index: 1, done: 0, total: 2 }] });
    expect((await runCliCaptured(['extract', bundle, '--shard', '1/2', '--cache', cache])).code).toBe(0);
    expect(await status()).toMatchObject({ done: 2, total: 4, slices: [{ done: 0 }, { done: 2 }] });
    const text = (await runCliCaptured(['slurm', '--status', '4242'])).stdout;
    expect(text).toContain('Shards done: 2 / 4 (50.0%)');
    expect(text).toContain(`sbatch --array=0 ${path.join(dir, 'job.sbatch')}`);
  }, 30_000);
});
