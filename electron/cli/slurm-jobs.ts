// What `prunelens slurm` keeps about a submitted job array (a small JSON file per job id, so
// `--status <job id>` works from any shell later), and the calls to sbatch and squeue.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PruneLensError } from '../../src-shared/base/errors';
import { defaultCacheDir } from '../engine/cache/cache-dir';
import type { SbatchOptions } from './slurm-script';

export interface SlurmJobState {
  jobId: string;
  bundle: string;
  cache: string;
  array: number;
  script: string;
  request: SbatchOptions['request'];
  submittedAt: string;
}

/** Job records live in the user's default cache folder (not --cache), where `--status <id>` looks. */
export function jobStateFile(jobId: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(defaultCacheDir(env), 'slurm-jobs', `${jobId}.json`);
}

export async function writeJobState(state: SlurmJobState): Promise<string> {
  const file = jobStateFile(state.jobId);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(state, null, 2));
  return file;
}

export async function readJobState(jobId: string): Promise<SlurmJobState | null> {
  try {
    return JSON.parse(await readFile(jobStateFile(jobId), 'utf8')) as SlurmJobState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Submits a script with `sbatch --parsable`; returns the job id. */
export function submitScript(script: string, sbatch = process.env.PRUNELENS_SBATCH ?? 'sbatch'): string {
  const run = spawnSync(sbatch, ['--parsable', script], { encoding: 'utf8' });
  if (run.error) throw new PruneLensError('unavailable', `Cannot run ${sbatch}: ${run.error.message} (is this a Slurm login node?). The script is at ${script}.`);
  if (run.status !== 0) throw new PruneLensError('unavailable', `sbatch failed (exit ${run.status}): ${run.stderr.trim() || run.stdout.trim()}`);
  const jobId = run.stdout.trim().split(';')[0];
  if (!/^\d+$/.test(jobId)) throw new PruneLensError('unavailable', `sbatch printed no job id: '${run.stdout.trim()}'.`);
  return jobId;
}

export interface QueueState {
  /** Array tasks still pending or running, by state (PENDING, RUNNING, …). */
  states: Record<string, number>;
  tasks: number;
}

/** States of tasks that have left for good (squeue may still list them for MinJobAge seconds). */
const ENDED = new Set(['COMPLETED', 'CANCELLED', 'FAILED', 'TIMEOUT', 'PREEMPTED', 'NODE_FAIL', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE']);

/** The job's tasks still known to squeue, or null when squeue is not available. */
export function queueState(jobId: string, squeue = process.env.PRUNELENS_SQUEUE ?? 'squeue'): QueueState | null {
  const run = spawnSync(squeue, ['-h', '-r', '-j', jobId, '-o', '%T'], { encoding: 'utf8' });
  if (run.error) return null;
  // A job that has left the queue: squeue says "Invalid job id specified" and exits 1.
  if (run.status !== 0) return /invalid job id/i.test(run.stderr) ? { states: {}, tasks: 0 } : null;
  const states: Record<string, number> = {};
  const lines = run.stdout.split('\n').map((l) => l.trim()).filter((l) => l && !ENDED.has(l));
  for (const state of lines) states[state] = (states[state] ?? 0) + 1;
  return { states, tasks: lines.length };
}
