// `prunelens slurm <bundle> --array N`: write (and with --submit, submit) an sbatch job array that
// runs `extract --shard i/N` on a shared cache; `prunelens slurm --status <job id | bundle>`:
// progress from the cache itself.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PruneLensError } from '../../../src-shared/base/errors';
import { defaultCacheDir } from '../../engine/cache/cache-dir';
import { packageRoot } from '../../engine/paths';
import type { CliCommand, CliContext } from '../command';
import { openGridSession } from '../grid-session';
import { gridRequest, positiveInt } from '../run-analysis';
import { queueState, readJobState, submitScript, writeJobState } from '../slurm-jobs';
import { sbatchScript } from '../slurm-script';
import { arrayStatus, formatArrayStatus } from '../slurm-status';

// From the package root, not this file: the same path from the sources and from dist/node.
const launcher = path.join(packageRoot, 'bin', 'prunelens.mjs');
const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

async function status(context: CliContext, target: string): Promise<number> {
  const state = /^\d+$/.test(target) ? await readJobState(target) : null;
  if (/^\d+$/.test(target) && !state && !existsSync(target)) throw new PruneLensError('not-found', `No record of job ${target} here (records are written by 'prunelens slurm --submit'); pass the bundle instead: prunelens slurm --status <bundle> --array N [--cache DIR].`);
  const bundle = state?.bundle ?? target;
  const request = state?.request ?? gridRequest(context.values);
  const array = state?.array ?? positiveInt(context.values.array, '--array') ?? 1;
  const cacheDir = state?.cache ?? str(context.values.cache);
  const session = await openGridSession(bundle, request, { cacheDir });
  try {
    const s = await arrayStatus(session, array, state?.jobId ?? null, state ? queueState(state.jobId) : null);
    context.stdout.write((context.values.json ? JSON.stringify(s, null, 2) : formatArrayStatus(s, state?.script ?? null)) + '\n');
    return 0;
  } finally {
    await session.close();
  }
}

export const slurmCommand: CliCommand = {
  name: 'slurm',
  summary: 'Run the extraction as a Slurm job array on a shared cache; show its progress.',
  usage: '<bundle> --array N [--partition P] [--gpus-per-task G] [--cpus-per-task C] [--time T] [--cache DIR] [--out script.sbatch] [--logs DIR] [--submit]\n       prunelens slurm --status <job id | bundle> [--array N] [--cache DIR] [--json]',
  help: `
Options:
  --array N            tasks in the array; task i runs 'prunelens extract <bundle> --shard i/N'
  --partition P        Slurm partition
  --gpus-per-task G    GPUs per task: the task then uses CUDA when the allocation has GPUs
  --cpus-per-task C    CPUs per task = inference worker threads (default 1)
  --time T             time limit per task (Slurm format, e.g. 02:00:00)
  --cache DIR          the shared cache folder every node writes to (default: $PRUNELENS_CACHE or the user cache)
  --out FILE           where to write the script (default: prunelens-<bundle>.sbatch here)
  --logs DIR           folder for the per-task logs %A_%a.log (default: slurm-logs next to the script)
  --submit             submit with 'sbatch --parsable' and print the job id
  --status X           progress from the cache (shards done / total, per task): X is a job id
                       submitted from here, or a bundle (then pass the same grid options and --array)
  --json               with --status: machine-readable
  --models, --corruptions, --severities, --limit: the grid, as for extract

The bundle and the cache folder must be on a filesystem every node sees. Failed or pre-empted
tasks are resubmitted as they are (sbatch the script again, or only some indices with
sbatch --array=1,4 script.sbatch): they redo only the shards still missing.
Example:
  prunelens slurm /shared/bundles/imagenet-c --array 64 --gpus-per-task 1 --cpus-per-task 8 --cache /shared/prunelens-cache --submit`,
  options: {
    models: { type: 'string' }, corruptions: { type: 'string' }, severities: { type: 'string' }, limit: { type: 'string' },
    array: { type: 'string' }, partition: { type: 'string' }, 'gpus-per-task': { type: 'string' }, 'cpus-per-task': { type: 'string' },
    time: { type: 'string' }, cache: { type: 'string' }, out: { type: 'string' }, logs: { type: 'string' }, submit: { type: 'boolean' },
    status: { type: 'string' }, json: { type: 'boolean' },
  },
  async run(context) {
    const statusTarget = str(context.values.status);
    if (statusTarget) return status(context, statusTarget);
    const bundleArg = context.positionals[0];
    if (!bundleArg) throw new PruneLensError('bad-request', 'missing <bundle>.');
    const array = positiveInt(context.values.array, '--array');
    if (!array) throw new PruneLensError('bad-request', '--array N is required.');
    const request = gridRequest(context.values);
    const cache = path.resolve(str(context.values.cache) ?? defaultCacheDir());
    // Opening the grid checks the bundle and the options now, not on the cluster later.
    const session = await openGridSession(bundleArg, request, { cacheDir: cache });
    const [bundle, bundleName, units] = [session.bundleDir, session.bundleName, session.units.length];
    await session.close();
    const stem = path.basename(bundle).replace(/[^\w.-]+/g, '_');
    const script = path.resolve(str(context.values.out) ?? `prunelens-${stem}.sbatch`);
    const logs = path.resolve(str(context.values.logs) ?? path.join(path.dirname(script), 'slurm-logs'));
    const text = sbatchScript({
      jobName: `prunelens-${stem}`, array, node: process.execPath, prunelens: launcher, bundle, cache, logs,
      request: { models: request.models, corruptions: request.corruptions, severities: request.severities, limit: request.limit },
      partition: str(context.values.partition), gpusPerTask: positiveInt(context.values['gpus-per-task'], '--gpus-per-task'),
      cpusPerTask: positiveInt(context.values['cpus-per-task'], '--cpus-per-task'), time: str(context.values.time), createdAt: new Date().toISOString(),
    });
    await mkdir(logs, { recursive: true }); // sbatch does not create the log folder
    await mkdir(cache, { recursive: true });
    await writeFile(script, text, { mode: 0o755 });
    context.stderr.write(`${bundleName}: ${units} shards in ${array} tasks (~${Math.ceil(units / array)} each); script ${script}, logs ${logs}/\n`);
    if (!context.values.submit) {
      context.stdout.write(`${script}\n`);
      return 0;
    }
    const jobId = submitScript(script);
    await writeJobState({ jobId, bundle, cache, array, script, request: { models: request.models, corruptions: request.corruptions, severities: request.severities, limit: request.limit }, submittedAt: new Date().toISOString() });
    context.stderr.write(`Submitted; progress: prunelens slurm --status ${jobId}\n`);
    context.stdout.write(`${jobId}\n`);
    return 0;
  },
};
