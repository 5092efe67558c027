// Progress of a job array read from the cache itself (shards done / total, per slice), so it works
// from any shell, after the submitting one is gone, and whatever state the scheduler is in.
import { missingUnits, sliceUnits, workSize } from '../engine/extraction/grid-units';
import type { GridSession } from './grid-session';
import type { QueueState } from './slurm-jobs';

export interface ArrayStatus {
  jobId: string | null;
  bundle: string;
  cache: string;
  array: number;
  done: number;
  total: number;
  samplesDone: number;
  samplesTotal: number;
  slices: { index: number; done: number; total: number }[];
  /** Tasks still in the queue (null: squeue not available or no job id). */
  queue: QueueState | null;
  complete: boolean;
}

export async function arrayStatus(session: GridSession, array: number, jobId: string | null, queue: QueueState | null): Promise<ArrayStatus> {
  const missing = new Set(await missingUnits(session.cache, session.units));
  const slices = Array.from({ length: array }, (_, index) => {
    const units = sliceUnits(session.units, { index, of: array });
    return { index, done: units.filter((u) => !missing.has(u)).length, total: units.length };
  });
  const all = workSize(session.units);
  return {
    jobId, bundle: session.bundleDir, cache: session.cache.root, array,
    done: all.units - missing.size, total: all.units,
    samplesDone: all.samples - workSize([...missing]).samples, samplesTotal: all.samples,
    slices, queue, complete: missing.size === 0,
  };
}

export function formatArrayStatus(s: ArrayStatus, script: string | null): string {
  const pct = s.total ? ((100 * s.done) / s.total).toFixed(1) : '100.0';
  const lines = [
    `${s.jobId ? `Job ${s.jobId}: ` : ''}${s.bundle} → ${s.cache}`,
    `Shards done: ${s.done} / ${s.total} (${pct}%), ${s.samplesDone.toLocaleString('en-US')} / ${s.samplesTotal.toLocaleString('en-US')} samples`,
  ];
  const incomplete = s.slices.filter((x) => x.done < x.total);
  for (const x of s.slices) lines.push(`  task ${x.index}: ${x.done}/${x.total}${x.done === x.total ? ' ✓' : ''}`);
  if (s.queue) {
    const states = Object.entries(s.queue.states).map(([state, n]) => `${n} ${state.toLowerCase()}`).join(', ');
    lines.push(s.queue.tasks ? `In the queue: ${states}` : 'In the queue: none (the job has ended)');
  }
  if (s.complete) lines.push('Complete: analyze/report read it from the cache without recomputing.');
  else if (!s.queue || s.queue.tasks === 0) {
    const indices = incomplete.map((x) => x.index).join(',');
    lines.push(`Incomplete and nothing queued: resubmit the missing tasks${script ? ` with: sbatch --array=${indices} ${script}` : ` (tasks ${indices})`}`);
  }
  return lines.join('\n');
}
