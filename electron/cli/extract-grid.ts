// `prunelens extract --plan` (the work list still missing in the cache, and its size) and
// `extract --shard i/N` (run one stable slice of the grid into a possibly shared cache, with
// claims so several processes on several nodes can fill one cache at once).
import { PruneLensError } from '../../src-shared/base/errors';
import { ShardClaims } from '../engine/cache/shard-claims';
import { availableExecutionProviders } from '../engine/extraction/execution-providers';
import { DEFAULT_SHARD_SIZE } from '../engine/extraction/extract-run';
import { missingUnits, sliceUnits, workSize } from '../engine/extraction/grid-units';
import type { GridUnit, ShardSpec, WorkSize } from '../engine/extraction/grid-units';
import { runSlice } from '../engine/extraction/slice-run';
import type { CliContext } from './command';
import type { GridSession } from './grid-session';
import { createProgressBar } from './progress-bar';

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return `${i === 0 ? value : value.toFixed(1)} ${units[i]}`;
}

const sizeText = (s: WorkSize) => `${s.units.toLocaleString('en-US')} units, ${s.samples.toLocaleString('en-US')} samples, ~${formatBytes(s.bytes)}`;

export interface PlanReport {
  bundle: string;
  cache: string;
  shardSize: number;
  grid: WorkSize & { models: number; sets: number; shardsPerCell: number };
  slice: (ShardSpec & WorkSize) | null;
  missing: WorkSize;
  work: { model: string; set: string; shard: number; start: number; count: number; key: string }[];
}

export async function planReport(session: GridSession, spec: ShardSpec | null): Promise<PlanReport> {
  const { plan, units } = session;
  const selected = spec ? sliceUnits(units, spec) : units;
  const missing = await missingUnits(session.cache, selected);
  const shardSize = plan.shardSize ?? DEFAULT_SHARD_SIZE;
  const size = (of: readonly GridUnit[]) => workSize(of, session.cache.featureDtype);
  return {
    bundle: session.bundleDir,
    cache: session.cache.root,
    shardSize,
    grid: { models: plan.models.length, sets: plan.sets.length, shardsPerCell: Math.ceil(plan.count / shardSize), ...size(units) },
    slice: spec ? { ...spec, ...size(selected) } : null,
    missing: size(missing),
    work: missing.map((u) => ({ model: u.model.id, set: u.set.id, shard: u.shard, start: u.start, count: u.count, key: u.key })),
  };
}

export function formatPlan(report: PlanReport): string {
  const g = report.grid;
  const lines = [
    `Grid: ${g.models} models × ${g.sets} sets × ${g.shardsPerCell} shard(s) of ≤ ${report.shardSize} samples = ${sizeText(g)}`,
    ...(report.slice ? [`Slice ${report.slice.index}/${report.slice.of}: ${sizeText(report.slice)}`] : []),
    `Missing in ${report.cache}: ${sizeText(report.missing)}`,
  ];
  const byModel = new Map<string, number>();
  for (const w of report.work) byModel.set(w.model, (byModel.get(w.model) ?? 0) + 1);
  if (byModel.size) lines.push(`  by model: ${[...byModel].map(([m, n]) => `${m} ${n}`).join(', ')}`);
  for (const w of report.work.slice(0, 20)) lines.push(`  ${w.model} × ${w.set} shard ${w.shard} (samples ${w.start}–${w.start + w.count - 1})`);
  if (report.work.length > 20) lines.push(`  … and ${report.work.length - 20} more (--json lists all)`);
  if (!report.work.length) lines.push('Nothing to do: the cache holds the whole selection.');
  return lines.join('\n');
}

export interface ShardRunReport {
  slice: ShardSpec;
  units: number;
  samples: number;
  cached: number;
  computed: number;
  byOthers: number;
  executionProvider: string;
}

export async function runShard(context: CliContext, session: GridSession, spec: ShardSpec): Promise<ShardRunReport> {
  let ep = session.plan.executionProvider;
  if (!availableExecutionProviders().includes(ep)) {
    context.stderr.write(`warn: execution provider '${ep}' is not available here (${availableExecutionProviders().join(', ')}); using CPU.\n`);
    ep = 'cpu';
  }
  const units: GridUnit[] = sliceUnits(session.units, spec);
  const bar = createProgressBar(context.stderr);
  const started = performance.now();
  const claims = new ShardClaims();
  let lastDone = -1;
  try {
    const result = await runSlice({ ...session.plan, executionProvider: ep }, units, {
      pool: session.pool(), cache: session.cache, claims, signal: context.signal,
      onWarning: (message) => context.stderr.write(`warn: ${message}\n`),
      onProgress: (done, total) => {
        if (done === lastDone) return; // one line per change in logs
        lastDone = done;
        const seconds = (performance.now() - started) / 1000;
        const rate = seconds > 0 ? done / seconds : 0;
        bar.update({ type: 'job-progress', jobId: 'shard', label: 'extract', done, total, ratePerSecond: rate, etaSeconds: rate > 0 ? (total - done) / rate : null });
      },
    });
    bar.finish();
    return { slice: spec, ...result, executionProvider: ep };
  } catch (error) {
    bar.finish();
    if (context.signal.aborted) throw new PruneLensError('cancelled', 'Cancelled; finished shards are cached and a rerun of this slice resumes from them.');
    throw error;
  }
}

export function formatShardRun(r: ShardRunReport): string {
  return `Slice ${r.slice.index}/${r.slice.of}: ${r.units} units (${r.samples.toLocaleString('en-US')} samples): ${r.computed} computed, ${r.cached} already cached, ${r.byOthers} finished by other writers (${r.executionProvider}).`;
}
