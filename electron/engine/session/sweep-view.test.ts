// Sparsity sweeps end to end on a finished fixture run: getSweeps against the evaluation grid,
// summary.json's `sweeps`, and the report's section and key findings.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { tinyImageClassifier } from '../../../tools/testing/tiny-onnx';
import { createEngine } from '../engine';
import { exportAnalysis } from '../export/analysis-export';
import { collectReportData } from '../export/report/report-data';
import { buildReportHtml } from '../export/report/report-html';

const bundle = writeImageFixtureBundle({ count: 200, corruptions: ['gaussian_noise', 'contrast', 'fog'], severities: [1, 4] });
// Two more random-pruned levels (30 %, 90 %) join the fixture's 60 % one: one sweep of three levels.
const manifest = JSON.parse(readFileSync(path.join(bundle, 'bundle.json'), 'utf8'));
for (const [id, zeroFraction] of [['pruned-30', 0.3], ['pruned-90', 0.9]] as const) {
  writeFileSync(path.join(bundle, 'models', `${id}.onnx`), tinyImageClassifier({ height: 8, width: 8, hidden: 6, classes: 3, seed: 1, zeroFraction }));
  manifest.models.push({ id, path: `models/${id}.onnx`, role: 'pruned', method: 'Random', sparsity: zeroFraction });
}
writeFileSync(path.join(bundle, 'bundle.json'), JSON.stringify(manifest));
const engine = createEngine({ transport: 'in-process', cacheDir: mkdtempSync(path.join(tmpdir(), 'prunelens-sweeps-')), workers: 2 });

beforeAll(async () => {
  const finished = new Promise((resolve) => engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
  await engine.startAnalysis({ path: bundle });
  expect(await finished).toMatchObject({ status: 'done' });
});
afterAll(() => engine.dispose());

describe('sparsity sweeps on a finished run', () => {
  it('one sweep, dense at 0, its point metrics are the evaluation grid\'s, bands around them, reproducible by seed', async () => {
    const result = await engine.getSweeps({ path: bundle, resamples: 100 });
    expect(result.sweeps.map((s) => [s.key, s.levels.map((l) => [l.modelId, l.sparsity])])).toEqual([['Random', [['dense', 0], ['pruned-30', 0.3], ['pruned', 0.6], ['pruned-90', 0.9]]]]);
    expect(result.corruptions).toEqual(['gaussian_noise', 'fog', 'contrast']);
    expect(result.shiftedSet).toBe('gaussian_noise-s1');
    expect(result.samples).toBe(200);
    const table = await engine.getEvaluation({ path: bundle });
    for (const level of result.sweeps[0].levels) {
      const i = table.models.findIndex((m) => m.id === level.modelId);
      expect(level.metrics.robustAccuracy.value).toBeCloseTo(table.robustAccuracy[i], 5);
      expect(level.metrics.mce.value).toBeCloseTo(table.mCE[i], 5);
      expect(level.metrics.cleanAccuracy.value).toBeCloseTo(table.accuracy[i * table.sets.length], 5);
      expect(level.metrics.robustAccuracy.lo).toBeLessThanOrEqual(level.metrics.robustAccuracy.value);
      expect(level.metrics.robustAccuracy.hi).toBeGreaterThanOrEqual(level.metrics.robustAccuracy.value);
      const metrics = await engine.getSampleMetrics({ path: bundle, modelId: level.modelId, setId: 'gaussian_noise-s1' });
      const finite = Array.from(metrics.angleGt).filter((v) => !Number.isNaN(v));
      expect(level.metrics['shifted.angleGt'].value).toBeCloseTo(finite.reduce((a, b) => a + b, 0) / finite.length, 4);
    }
    const bp = result.sweeps[0].breaking;
    const levels = result.sweeps[0].levels.slice(1);
    const dense = result.sweeps[0].levels[0].metrics.robustAccuracy.value;
    const broken = levels.findIndex((l) => l.metrics.robustAccuracy.value < dense - 0.01 - 1e-9);
    expect(bp.firstBreak?.modelId ?? null).toBe(broken < 0 ? null : levels[broken].modelId);
    expect(await engine.getSweeps({ path: bundle, resamples: 100 })).toEqual(result);
    const loose = await engine.getSweeps({ path: bundle, resamples: 0, tolerance: 1, shiftedSet: 'fog-s4' });
    expect(loose.sweeps[0].breaking.keptUpTo?.modelId).toBe('pruned-90');
    expect(loose.shiftedSet).toBe('fog-s4');
    await expect(engine.getSweeps({ path: bundle, shiftedSet: 'snow-s1' })).rejects.toThrow(/snow-s1/);
  });

  it('summary.json carries `sweeps` and the report a Sparsity sweeps section with the breaking point in the key findings', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'prunelens-sweeps-out-'));
    await exportAnalysis(engine, bundle, out, { parquet: false });
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    const sweep = summary.sweeps.sweeps[0];
    expect(sweep.levels.map((l: { modelId: string }) => l.modelId)).toEqual(['dense', 'pruned-30', 'pruned', 'pruned-90']);
    expect(sweep.levels[1].remainingParameters).toBeGreaterThan(sweep.levels[3].remainingParameters);
    expect(sweep.levels[0].metrics.mce.value).toBeCloseTo(1, 6);
    expect(sweep.finding).toMatch(/^Random (keeps robustness up to|breaks before)/);
    expect(summary.sweeps.resamples).toBe(200);

    const html = buildReportHtml(await collectReportData(engine, bundle));
    const section = html.slice(html.indexOf('<section id="sweeps">'));
    expect(section).toContain('<h2>8 · Sparsity sweeps</h2>');
    expect(section.match(/<svg class="chart"/g)?.length).toBeGreaterThanOrEqual(8);
    expect(section).toContain('class="band"');
    expect(html.slice(html.indexOf('Key findings'), html.indexOf('Contents'))).toContain(`Sparsity sweep: ${sweep.finding}`);
    // The robust-accuracy chart's first tooltip is dense's value from summary.json.
    expect(section).toContain(`Random · dense (0 %): ${(sweep.levels[0].metrics.robustAccuracy.value * 100).toFixed(1)} %`);
  });
});
