// `prunelens report <bundle> --out report.pdf|.html`: extract where needed (cached), then write
// the comparison report: self-contained HTML, or PDF printed by headless Chromium.
import path from 'node:path';
import { PruneLensError } from '../../../src-shared/base/errors';
import { writeFileAtomic } from '../../engine/cache/atomic-file';
import { bytes } from '../../engine/export/report/format';
import { findChromium } from '../../engine/export/report/pdf';
import type { CliCommand } from '../command';
import { gridHelp, gridOptions, runAnalysisFromCli } from '../run-analysis';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Extract (cached) and write the comparison report as self-contained HTML or PDF.',
  usage: '<bundle> --out report.pdf|report.html [--limit N] [--corruptions a,b] [--severities 1,3] [--ep cpu]',
  help: `
Writes the evaluation table, robustness chart, geometric-similarity map, benchmark redundancy,
feature-geometry summaries, a gallery of pruning-fragile / -improved samples and model cards,
with provenance (file SHA-256s, execution provider, version, date). The format follows the
extension of --out: .html (one file, opens offline) or .pdf (printed by headless Chromium:
/usr/bin/chromium or $PRUNELENS_CHROMIUM).

Options:
  --out FILE          report.html or report.pdf${gridHelp}

Examples:
  prunelens report assets/demo --out report.pdf
  prunelens report assets/demo --out report.html --limit 200 --corruptions fog,contrast`,
  options: { ...gridOptions, out: { type: 'string' } },
  async run(context) {
    if (typeof context.values.out !== 'string') throw new PruneLensError('bad-request', 'missing --out FILE (.html or .pdf).');
    const out = path.resolve(context.values.out);
    const extension = path.extname(out).toLowerCase();
    if (extension !== '.html' && extension !== '.htm' && extension !== '.pdf') throw new PruneLensError('bad-request', `--out must end in .html or .pdf (got '${path.basename(out)}').`);
    const format = extension === '.pdf' ? 'pdf' : 'html';
    if (format === 'pdf') findChromium(); // fail before minutes of extraction, not after
    const { engine, bundle } = await runAnalysisFromCli(context);
    try {
      context.stderr.write(`Building the ${format.toUpperCase()} report…\n`);
      const file = await engine.exportReport({ path: bundle, format });
      await writeFileAtomic(out, file.bytes);
      context.stdout.write(`Wrote ${out} (${bytes(file.bytes.length)})\n`);
    } finally {
      await engine.dispose();
    }
  },
};
