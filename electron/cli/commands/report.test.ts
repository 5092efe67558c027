// `prunelens report` on the real demo bundle (200 samples, 2 corruptions): the HTML report has
// every model with the accuracies the engine computes; usage errors and a missing Chromium are
// reported in one line before any extraction.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/engine';
import { pct } from '../../engine/export/report/format';
import { reportSections } from '../../engine/export/report/report-html';
import { runCliCaptured } from '../../../tools/testing/run-cli';

const dir = mkdtempSync(path.join(tmpdir(), 'prunelens-report-cli-'));
const cache = path.join(dir, 'cache');
const demo = path.resolve(import.meta.dirname, '../../../assets/demo');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCliCaptured(args);

describe('prunelens report', () => {
  it('writes the demo report as HTML with every model and its clean and robust accuracy', async () => {
    const out = path.join(dir, 'demo.html');
    const run = await cli(['report', demo, '--out', out, '--limit', '200', '--corruptions', 'fog,contrast', '--cache', cache]);
    expect(run.stderr).not.toMatch(/prunelens report:/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Wrote .*demo\.html \(\d+(\.\d)? (KiB|MiB)\)\n$/);
    const html = readFileSync(out, 'utf8');
    for (const [id, title] of reportSections) expect(html).toContain(`<section id="${id}"><h2>${title}</h2>`);
    expect(html).toContain('200 per set, 10 classes');
    expect(html).toContain('clean + 10 corrupted (2 corruptions × 5 severities)');

    // The same grid through a fresh engine on the same cache: the report shows its numbers.
    const engine = createEngine({ transport: 'in-process', cacheDir: cache, workers: 1 });
    try {
      const finished = new Promise((resolve) => engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
      await engine.startAnalysis({ path: demo, limit: 200, corruptions: ['fog', 'contrast'] });
      await finished;
      const table = await engine.getEvaluation({ path: demo });
      expect(table.models).toHaveLength(16);
      const evaluation = html.slice(html.indexOf('<section id="evaluation">'), html.indexOf('<section id="robustness">'));
      table.models.forEach((m, i) => {
        const start = evaluation.indexOf(`<tr><td>${m.id}</td>`);
        expect(start, m.id).toBeGreaterThan(0);
        const cells = [...evaluation.slice(start, evaluation.indexOf('</tr>', start)).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((x) => x[1]);
        expect(cells[4]).toBe(pct(table.accuracy[i * table.sets.length]));
        expect(cells[5]).toBe(pct(table.robustAccuracy[i]));
      });
    } finally {
      await engine.dispose();
    }
  }, 300_000);

  it('refuses an output that is neither .html nor .pdf, and names the fix when Chromium is missing', async () => {
    const bad = await cli(['report', demo, '--out', path.join(dir, 'report.txt')]);
    expect(bad.code).toBe(2); // a usage error
    expect(bad.stderr).toMatch(/^prunelens report: --out must end in \.html or \.pdf \(got 'report\.txt'\)\.\nUsage: prunelens report /);
    const saved = process.env.PRUNELENS_CHROMIUM;
    process.env.PRUNELENS_CHROMIUM = path.join(dir, 'no-such-chromium');
    try {
      const missing = await cli(['report', demo, '--out', path.join(dir, 'report.pdf'), '--cache', cache]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('install chromium or set PRUNELENS_CHROMIUM');
      expect(missing.stderr).not.toContain('%'); // failed before any extraction progress
    } finally {
      if (saved === undefined) delete process.env.PRUNELENS_CHROMIUM;
      else process.env.PRUNELENS_CHROMIUM = saved;
    }
  });
});
