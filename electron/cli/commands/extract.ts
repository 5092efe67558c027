// `prunelens extract <bundle>`: run every model on every set (cached, resumable), print accuracies.
// `--plan` prints the work still missing instead; `--shard i/N` runs one slice (job arrays).
import type { CliCommand } from '../command';
import { formatPlan, formatShardRun, planReport, runShard } from '../extract-grid';
import { formatEvaluation } from '../format-evaluation';
import { openGridSession } from '../grid-session';
import { gridHelp, gridOptions, gridRequest, positiveInt, runAnalysisFromCli } from '../run-analysis';
import { parseShardSpec } from '../../engine/extraction/grid-units';
import { PruneLensError } from '../../../src-shared/base/errors';

export const extractCommand: CliCommand = {
  name: 'extract',
  summary: 'Run every model on the clean and corrupted sets; cache logits and features.',
  usage: '<bundle> [--models a,b] [--corruptions a,b] [--severities 1,3] [--limit N] [--ep cpu] [--cache DIR] [--workers N] [--plan [--json]] [--shard i/N [--json]]',
  help: `
Options:${gridHelp}
  --workers N         inference worker threads (default: cores, at most 8)
  --plan              print the work list (model × set × shard units missing in the cache) and its size; run nothing
  --shard i/N         run only slice i of N (0 ≤ i < N) of the full grid: for job arrays on a shared cache
  --json              with --plan or --shard: machine-readable output

Results are cached per model × set; a second run (or a run after Ctrl-C) reuses them.
Slices are cut from the whole grid (sorted by set, shard, model), never from what is missing, so
they are the same on every run and node: rerunning a slice redoes only its own missing shards.
Several processes may fill one cache at once (--shard claims each shard with a lock file).
Examples:
  prunelens extract assets/demo --corruptions fog,contrast --severities 1,5
  prunelens extract assets/demo --plan --cache /shared/cache
  prunelens extract assets/demo --shard 3/16 --cache /shared/cache`,
  options: { ...gridOptions, workers: { type: 'string' }, plan: { type: 'boolean' }, shard: { type: 'string' }, json: { type: 'boolean' } },
  async run(context) {
    const spec = typeof context.values.shard === 'string' ? parseShardSpec(context.values.shard) : null;
    if (context.values.plan || spec) {
      const bundle = context.positionals[0];
      if (!bundle) throw new PruneLensError('bad-request', 'missing <bundle>.');
      const cacheDir = typeof context.values.cache === 'string' ? context.values.cache : undefined;
      const session = await openGridSession(bundle, gridRequest(context.values), { cacheDir, workers: positiveInt(context.values.workers, '--workers') });
      try {
        const json = context.values.json === true;
        if (context.values.plan) {
          const report = await planReport(session, spec);
          context.stdout.write((json ? JSON.stringify(report, null, 2) : formatPlan(report)) + '\n');
        } else {
          const report = await runShard(context, session, spec!);
          context.stdout.write((json ? JSON.stringify(report) : formatShardRun(report)) + '\n');
        }
      } finally {
        await session.close();
      }
      return;
    }
    if (context.values.json) throw new PruneLensError('bad-request', '--json goes with --plan or --shard.');
    const { engine, bundle } = await runAnalysisFromCli(context);
    try {
      context.stdout.write(formatEvaluation(await engine.getEvaluation({ path: bundle })) + '\n');
    } finally {
      await engine.dispose();
    }
  },
};
