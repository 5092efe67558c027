// Shared by `extract`, `analyze` and `report`: parse the grid options, run the engine in-process
// with a progress bar on stderr, and return the engine for reading results.
import path from 'node:path';
import { PruneLensError } from '../../src-shared/base/errors';
import { createEngine } from '../engine/engine';
import type { Engine } from '../engine/engine';
import type { BundleRequest } from '../../src-shared/api/contract';
import type { CliContext } from './command';
import { createProgressBar } from './progress-bar';

export const gridOptions = {
  models: { type: 'string' },
  corruptions: { type: 'string' },
  severities: { type: 'string' },
  limit: { type: 'string' },
  ep: { type: 'string' },
  cache: { type: 'string' },
} as const;

export const gridHelp = `
  --models a,b        models to run (the dense model is always included)
  --corruptions a,b   corruptions to run (default: all the bundle declares)
  --severities 1,3    severities (default: all the bundle declares)
  --limit N           samples (default: bundle.json "limit", else all)
  --ep NAME           execution provider: cpu (default), webgpu, cuda, tensorrt, … (falls back to CPU)
  --cache DIR         cache folder (default: $PRUNELENS_CACHE or the user cache folder)`;

const list = (value: unknown) => (typeof value === 'string' && value ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

export function positiveInt(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new PruneLensError('bad-request', `${flag} must be a positive integer (got '${value}').`);
  return n;
}

/** The grid the options select (also used by `extract --plan/--shard` and `slurm`). */
export function gridRequest(values: CliContext['values']): BundleRequest<'startAnalysis'> {
  const severities = list(values.severities)?.map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1 || n > 5) throw new PruneLensError('bad-request', `--severities takes numbers 1–5 (got '${s}').`);
    return n;
  });
  return {
    models: list(values.models),
    corruptions: list(values.corruptions),
    severities,
    limit: positiveInt(values.limit, '--limit'),
    ep: typeof values.ep === 'string' ? values.ep : undefined,
  };
}

export async function runAnalysisFromCli(context: CliContext): Promise<{ engine: Engine; bundle: string }> {
  const bundle = context.positionals[0];
  if (!bundle) throw new PruneLensError('bad-request', 'missing <bundle>.');
  const request = gridRequest(context.values);
  const engine = createEngine({ transport: 'in-process', cacheDir: typeof context.values.cache === 'string' ? path.resolve(context.values.cache) : undefined, workers: positiveInt(context.values.workers, '--workers') });
  const bar = createProgressBar(context.stderr);
  let jobId: string | null = null;
  // A job can finish (e.g. fail at once on a bad model) before startAnalysis has returned its id:
  // keep every finish and match it once the id is known.
  const finishes = new Map<string, { status: string; message?: string }>();
  let onFinish: () => void = () => {};
  engine.subscribe((event) => {
    if (event.type === 'job-progress' && event.jobId === jobId) bar.update(event);
    else if (event.type === 'job-finished') {
      finishes.set(event.jobId, event);
      onFinish();
    } else if (event.type === 'log' && event.level !== 'info') context.stderr.write(`${event.level}: ${event.message}\n`);
  });
  const finished = new Promise<{ status: string; message?: string }>((resolve) => {
    onFinish = () => {
      if (jobId && finishes.has(jobId)) resolve(finishes.get(jobId)!);
    };
  });
  try {
    const started = await engine.startAnalysis({ path: bundle, ...request });
    jobId = started.jobId;
    onFinish();
    const cancel = () => void engine.cancelJob({ jobId: started.jobId });
    context.signal.addEventListener('abort', cancel, { once: true });
    const result = await finished;
    bar.finish();
    if (result.status === 'cancelled') throw new PruneLensError('cancelled', 'Cancelled; finished shards are cached and a rerun resumes from them.');
    if (result.status === 'failed') throw new PruneLensError('inference-failed', result.message ?? 'Extraction failed.');
    return { engine, bundle };
  } catch (error) {
    bar.finish();
    await engine.dispose();
    throw error;
  }
}
