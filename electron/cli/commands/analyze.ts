// `prunelens analyze <bundle> --out DIR`: extract where needed, then write samples.csv,
// samples.parquet and summary.json (formats in the README).
import path from 'node:path';
import { PruneLensError } from '../../../src-shared/base/errors';
import { formatSanityWarning } from '../../../src-shared/findings/sanity-warnings';
import type { SanityWarning } from '../../../src-shared/findings/sanity-warnings';
import { exportAnalysis } from '../../engine/export/analysis-export';
import type { CliCommand } from '../command';
import { formatEvaluation } from '../format-evaluation';
import { gridHelp, gridOptions, runAnalysisFromCli } from '../run-analysis';

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'Extract (cached) and write per-sample geometry and a summary: samples.csv/.parquet, summary.json.',
  usage: '<bundle> --out DIR [--limit N] [--corruptions a,b] [--severities 1,3] [--ep cpu] [--no-parquet]',
  help: `
Options:
  --out DIR           output folder (created if needed)
  --no-parquet        skip samples.parquet${gridHelp}

Example:
  prunelens analyze assets/demo --out /tmp/demo-analysis`,
  options: { ...gridOptions, out: { type: 'string' }, 'no-parquet': { type: 'boolean' } },
  async run(context) {
    if (typeof context.values.out !== 'string') throw new PruneLensError('bad-request', 'missing --out DIR.');
    const out = path.resolve(context.values.out);
    const { engine, bundle } = await runAnalysisFromCli(context);
    try {
      context.stderr.write('Writing per-sample tables and summary…\n');
      const summary = await exportAnalysis(engine, bundle, out, { parquet: !context.values['no-parquet'], signal: context.signal });
      context.stdout.write(formatEvaluation(await engine.getEvaluation({ path: bundle })) + '\n');
      for (const w of summary.warnings as SanityWarning[]) context.stderr.write(`WARNING: ${formatSanityWarning(w)}\n`);
      context.stdout.write(`Wrote ${path.join(out, 'samples.csv')}${context.values['no-parquet'] ? '' : `, ${path.join(out, 'samples.parquet')}`} and ${path.join(out, 'summary.json')}\n`);
    } finally {
      await engine.dispose();
    }
  },
};
