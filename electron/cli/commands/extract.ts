// `prunelens extract <bundle>`: run every model on every set (cached, resumable), print accuracies.
import type { CliCommand } from '../command';
import { formatEvaluation } from '../format-evaluation';
import { gridHelp, gridOptions, runAnalysisFromCli } from '../run-analysis';

export const extractCommand: CliCommand = {
  name: 'extract',
  summary: 'Run every model on the clean and corrupted sets; cache logits and features.',
  usage: '<bundle> [--models a,b] [--corruptions a,b] [--severities 1,3] [--limit N] [--ep cpu] [--cache DIR]',
  help: `
Options:${gridHelp}

Results are cached per model × set; a second run (or a run after Ctrl-C) reuses them.
Example:
  prunelens extract assets/demo --corruptions fog,contrast --severities 1,5`,
  options: gridOptions,
  async run(context) {
    const { engine, bundle } = await runAnalysisFromCli(context);
    try {
      context.stdout.write(formatEvaluation(await engine.getEvaluation({ path: bundle })) + '\n');
    } finally {
      await engine.dispose();
    }
  },
};
