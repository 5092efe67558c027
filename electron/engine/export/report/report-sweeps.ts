// The report's "Sparsity sweeps" section (each method's curves against sparsity with bootstrap
// bands and its breaking point ringed, then the numbers per level) and its key-findings lines.
import type { SweepAnalysis, SweepMetricKey, SweepSeries } from '../../../../src-shared/analysis/sweep-types';
import { sweepMetrics } from '../../../../src-shared/analysis/sweep-types';
import { categorical } from './colors';
import { ce, corruptionLabel, esc, num, pct, plural } from './format';
import type { ReportData } from './report-data';
import { lineChart } from './svg-line-chart';

/** Metrics drawn, in order: robustness first, then the corruption families, then geometry. */
const charted: SweepMetricKey[] = [
  'robustAccuracy', 'cleanAccuracy', 'mce', 'relativeMce', 'noiseAccuracy', 'blurAccuracy', 'weatherAccuracy', 'digitalAccuracy',
  'clean.angleGt', 'shifted.angleGt', 'clean.angleGtSpread', 'clean.length', 'clean.logitMargin', 'clean.geomMargin',
];

const isRatio = (key: SweepMetricKey) => sweepMetrics.find((m) => m.key === key)!.unit === '%';
const formatValue = (key: SweepMetricKey, v: number) => (isRatio(key) ? `${pct(v)} %` : num(v, 2));
const sparsityLabel = (s: number) => `${Number((s * 100).toFixed(1))} %`;

function metricLabel(key: SweepMetricKey, shiftedSet: string | null): string {
  const label = sweepMetrics.find((m) => m.key === key)!.label;
  return key.startsWith('shifted.') && shiftedSet ? label.replace('(corrupted)', `(${corruptionLabel(shiftedSet.replace(/-s(\d)$/, ''))}, severity ${shiftedSet.slice(-1)})`) : label;
}

function chart(sweeps: SweepSeries[], key: SweepMetricKey, shiftedSet: string | null): string {
  const label = metricLabel(key, shiftedSet);
  const series = sweeps.map((s, i) => ({
    name: s.key,
    color: categorical[i % categorical.length],
    marker: key === 'robustAccuracy' && s.breaking.keptUpTo ? s.levels.findIndex((l) => l.modelId === s.breaking.keptUpTo!.modelId) : null,
    points: s.levels.map((l) => {
      const v = l.metrics[key];
      return { x: l.sparsity, y: v.value, lo: v.lo, hi: v.hi, label: `${l.modelId} (${sparsityLabel(l.sparsity)}): ${formatValue(key, v.value)} [${formatValue(key, v.lo)}, ${formatValue(key, v.hi)}]` };
    }),
  }));
  return `<figure>${lineChart(series, { title: `${label} against sparsity`, xLabel: 'sparsity', yLabel: isRatio(key) ? `${label} (%)` : label, formatX: sparsityLabel, formatY: (y) => (isRatio(key) ? String(Number((y * 100).toFixed(1))) : String(Number(y.toFixed(2)))) })}<figcaption>${esc(label)}${key === 'robustAccuracy' ? ' — ringed: the breaking point (the last level within the tolerance of dense)' : ''}.</figcaption></figure>`;
}

function levelsTable(sweeps: SweepSeries[]): string {
  const band = (key: SweepMetricKey, v: { value: number; lo: number; hi: number }) => `${formatValue(key, v.value)} <span class="caption">[${formatValue(key, v.lo)}, ${formatValue(key, v.hi)}]</span>`;
  const rows = sweeps.flatMap((s) => s.levels.map((l, i) => `<tr>${i === 0 ? `<td rowspan="${s.levels.length}">${esc(s.key)}</td>` : ''}<td>${esc(l.modelId)}</td><td class="n">${sparsityLabel(l.sparsity)}</td><td class="n">${band('cleanAccuracy', l.metrics.cleanAccuracy)}</td><td class="n">${band('robustAccuracy', l.metrics.robustAccuracy)}</td><td class="n">${ce(l.metrics.mce.value)}</td><td class="n">${ce(l.metrics.relativeMce.value)}</td><td class="n">${num(l.metrics['clean.angleGt'].value, 1)}</td></tr>`));
  return `<table class="sweep-levels"><thead><tr><th>sweep</th><th>model</th><th class="n">sparsity</th><th class="n">clean accuracy</th><th class="n">robust accuracy</th><th class="n">mCE</th><th class="n">rel. mCE</th><th class="n">angle<sub>gt</sub> (°)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function sweepsSection(data: ReportData): string {
  const head = '<section id="sweeps"><h2>8 · Sparsity sweeps</h2>';
  const a: SweepAnalysis | null = data.sweeps ?? null;
  if (!a) return `${head}<p class="note">Sparsity sweeps are unavailable: ${esc(data.sweepsError ?? 'not computed')}.</p></section>`;
  if (!a.sweeps.length) return `${head}<p class="note">No sparsity sweep in this bundle: a sweep needs one method (or one <code>sweep</code> name in bundle.json) at two or more sparsities.</p></section>`;
  const tolerance = a.sweeps[0].breaking.tolerance;
  return `${head}
<p>Pruned models of one method (or one <code>sweep</code> name) at several sparsities form a sweep; the dense model is every sweep's 0 % point. Bands: ${Math.round(a.confidence * 100)} % percentile bootstrap over the ${a.samples} test samples (${plural(a.resamples, 'resample')}, seed ${a.seed}; the same resampled samples for every model). Accuracies over the ${plural(a.corruptions.length, 'benchmark corruption')} × severities; mCE relative to the dense model. Breaking point: the largest sparsity up to which robust accuracy stays within ${Number((tolerance * 100).toFixed(2))} point${tolerance === 0.01 ? '' : 's'} of dense.</p>
<ul class="findings">${a.sweeps.map((s) => `<li>${esc(s.finding)}.</li>`).join('')}</ul>
${charted.filter((k) => !k.startsWith('shifted.') || a.shiftedSet).map((k) => chart(a.sweeps, k, a.shiftedSet)).join('\n')}
${levelsTable(a.sweeps)}
</section>`;
}

/** One key-findings line per sweep: where its robustness breaks. */
export function sweepFindings(data: ReportData): string[] {
  return (data.sweeps?.sweeps ?? []).map((s) => `Sparsity sweep: ${esc(s.finding)}.`);
}
