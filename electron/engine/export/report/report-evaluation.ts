// Report sections on scores: the evaluation table (per-model scores and the models × corruptions
// grid, severity-averaged, coloured by accuracy) and the robustness bar chart.
import type { EvaluationTable } from '../../../../src-shared/api/result-types';
import { describeNonFinite } from '../../../../src-shared/analysis/non-finite';
import { benchmarkCorruptions, extraCorruptions } from '../../../../src-shared/bundle/manifest';
import type { GlossaryTerm } from '../../../../src-shared/analysis/glossary';
import { glossary } from '../../../../src-shared/analysis/glossary';
import { accuracyScale } from '../../../../src-shared/util/value-scales';
import { cellStyle, scaleKey } from './colors';
import { ce, corruptionLabel, esc, pct, plural } from './format';
import type { ReportData } from './report-data';
import { groupedBarChart } from './svg-charts';

export interface CorruptionAverages {
  corruptions: string[];
  /** Index of the first extra corruption (where the separator goes), or -1. */
  extraFrom: number;
  /** models × corruptions, mean accuracy over the corruption's severities (NaN if any is missing). */
  values: Float64Array;
}

export function corruptionAverages(table: EvaluationTable): CorruptionAverages {
  const present = new Set(table.sets.filter((s) => s.corruption !== 'clean').map((s) => s.corruption));
  const known = [...benchmarkCorruptions, ...extraCorruptions] as string[];
  const benchmark = benchmarkCorruptions.filter((c) => present.has(c)) as string[];
  const extra = extraCorruptions.filter((c) => present.has(c)) as string[];
  const other = [...present].filter((c) => !known.includes(c)).sort();
  const corruptions = [...benchmark, ...extra, ...other];
  const values = new Float64Array(table.models.length * corruptions.length);
  table.models.forEach((_, i) => corruptions.forEach((c, j) => {
    const accs = table.sets.map((s, k) => (s.corruption === c ? table.accuracy[i * table.sets.length + k] : null)).filter((v): v is number => v !== null);
    values[i * corruptions.length + j] = accs.length && accs.every(Number.isFinite) ? accs.reduce((a, b) => a + b, 0) / accs.length : NaN;
  }));
  return { corruptions, extraFrom: extra.length || other.length ? benchmark.length : -1, values };
}

export function cleanAccuracies(table: EvaluationTable): number[] {
  const k = table.sets.findIndex((s) => s.id === 'clean');
  return table.models.map((_, i) => (k < 0 ? NaN : table.accuracy[i * table.sets.length + k]));
}

/** Accuracy cells: the app's fixed 0–100 % scale (not rescaled to this bundle's range). */
const color = (v: number): string => cellStyle(accuracyScale, v);

/** A header cell whose hover shows the glossary's definition. */
const th = (term: GlossaryTerm, label: string, cls = 'n') => `<th class="${cls}" title="${esc(glossary[term].definition)}">${label}</th>`;

/** The definitions of the terms the evaluation section uses, as the app shows them on hover. */
export function glossaryList(terms: GlossaryTerm[]): string {
  return `<dl class="glossary">${terms.map((k) => `<dt>${esc(glossary[k].term)}</dt><dd>: ${esc(glossary[k].definition)}</dd>`).join('')}</dl>`;
}

/** One warning line per model × set whose outputs had NaN/Inf (those samples count as wrong). */
function nonFiniteLines(data: ReportData): string {
  const t = data.evaluation;
  const count = data.sampleCount > 0 ? data.sampleCount : undefined;
  const lines: string[] = [];
  t.models.forEach((m, i) => t.sets.forEach((s, j) => {
    const k = i * t.sets.length + j;
    const line = describeNonFinite(m.id, s.id, { logits: t.nonFiniteLogits[k], features: t.nonFiniteFeatures[k] }, count);
    if (line) lines.push(`<p class="warn">⚠ ${esc(line)}</p>`);
  }));
  return lines.join('\n');
}

export function evaluationSection(data: ReportData): string {
  const t = data.evaluation;
  const cards = new Map(data.bundle.models.map((m) => [m.id, m.card]));
  const clean = cleanAccuracies(t);
  const avg = corruptionAverages(t);
  const hasExtra = Array.from(t.extraAccuracy).some(Number.isFinite);
  const rows = t.models.map((m, i) => {
    const measured = cards.get(m.id)?.weightSparsity;
    return `<tr><td>${esc(m.id)}</td><td>${esc(m.method)}</td><td class="n">${m.sparsity === null ? '—' : pct(m.sparsity)}</td><td class="n">${measured === undefined ? '—' : pct(measured)}</td>` +
      `<td class="n" style="${color(clean[i])}">${pct(clean[i])}</td><td class="n" style="${color(t.robustAccuracy[i])}">${pct(t.robustAccuracy[i])}</td>` +
      `<td class="n">${ce(t.mCE[i])}</td><td class="n">${ce(t.relativeMCE[i])}</td>${hasExtra ? `<td class="n" style="${color(t.extraAccuracy[i])}">${pct(t.extraAccuracy[i])}</td>` : ''}</tr>`;
  });
  const head = `<tr><th>model</th><th>method</th>${th('sparsity', 'sparsity %<br>(declared)')}${th('weightSparsity', 'weight<br>sparsity %')}${th('accuracy', 'clean<br>acc. %')}${th('robustAccuracy', 'robust<br>acc. %')}${th('mce', 'mCE %')}${th('relativeMce', 'rel. mCE %')}${hasExtra ? th('extraAccuracy', 'extra<br>acc. %') : ''}</tr>`;
  const sep = (j: number) => (j === avg.extraFrom ? ' sep' : '');
  const gridHead = `<tr><th class="model">model</th><th><span>clean</span></th>${avg.corruptions.map((c, j) => `<th class="${sep(j).trim()}"><span>${esc(corruptionLabel(c))}</span></th>`).join('')}</tr>`;
  const gridRows = t.models.map((m, i) => `<tr><td class="model" title="${esc(m.method)}">${esc(m.id)}</td><td style="${color(clean[i])}">${pct(clean[i])}</td>` +
    avg.corruptions.map((_, j) => { const v = avg.values[i * avg.corruptions.length + j]; return `<td class="${sep(j).trim()}" style="${color(v)}">${pct(v)}</td>`; }).join('') + '</tr>');
  const ceNote = t.ceCorruptions.length
    ? `mCE and relative mCE average the corruption errors CE<sub>c</sub> over the ${plural(t.ceCorruptions.length, 'benchmark corruption')} run, each normalised by the dense baseline (100 = as robust as the baseline; lower is better).`
    : 'mCE needs every severity of at least one benchmark corruption for every model.';
  return `<section id="evaluation"><h2>1 · Evaluation</h2>
<p>${avg.corruptions.length ? `Accuracy of every model on the clean test set and under each corruption (mean over the ${plural(new Set(t.sets.filter((s) => s.severity > 0).map((s) => s.severity)).size, 'severity', 'severities')} run). Robust accuracy is the mean over the benchmark corruptions × severities (RobustBench convention).` : 'Accuracy of every model on the clean test set.'} ${ceNote}</p>
<table class="scores"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>
${nonFiniteLines(data)}
${scaleKey(accuracyScale)}
${glossaryList(['accuracy', 'robustAccuracy', 'mce', 'relativeMce', ...(hasExtra ? ['extraAccuracy' as const] : []), 'sparsity', 'weightSparsity'])}
${avg.corruptions.length ? `<h3>Accuracy by corruption (severity-averaged, %)</h3><table class="grid"><thead>${gridHead}</thead><tbody>${gridRows.join('')}</tbody></table>
<p class="caption">Cells share the fixed accuracy scale above (0–100 %, the same colours as the app).${avg.extraFrom > 0 ? ' The thick rule separates the 15 benchmark corruptions from the extra ones, which robust accuracy and mCE leave out.' : ''}</p>` : '<p class="note">No corrupted sets were run.</p>'}
</section>`;
}

export function robustnessSection(data: ReportData): string {
  const t = data.evaluation;
  const clean = cleanAccuracies(t);
  const hasExtra = Array.from(t.extraAccuracy).some(Number.isFinite);
  const series = [{ name: 'clean accuracy', color: '#8fa8c8' }, { name: 'robust accuracy', color: '#1f5fa8' }, ...(hasExtra ? [{ name: 'extra corruptions', color: '#e08a2c' }] : [])];
  const rows = t.models.map((m, i) => ({ label: m.id, values: [clean[i], t.robustAccuracy[i], ...(hasExtra ? [t.extraAccuracy[i]] : [])] }));
  const drops = t.models.map((m, i) => ({ id: m.id, drop: clean[i] - t.robustAccuracy[i] })).filter((d) => Number.isFinite(d.drop)).sort((a, b) => a.drop - b.drop);
  const summary = drops.length > 1
    ? `<p>Smallest drop from clean to robust accuracy: <b>${esc(drops[0].id)}</b> (${pct(drops[0].drop)} points); largest: <b>${esc(drops[drops.length - 1].id)}</b> (${pct(drops[drops.length - 1].drop)} points).</p>`
    : '';
  return `<section id="robustness"><h2>2 · Robustness</h2>${summary}
<figure>${groupedBarChart(rows, series, { title: 'Clean and robust accuracy per model' })}<figcaption>Clean accuracy and robust accuracy (mean over benchmark corruptions × severities)${hasExtra ? ', and the mean over the extra corruptions' : ''}, per model. Bars start at 0 %.</figcaption></figure>
${ceChart(t)}
</section>`;
}

function ceChart(t: EvaluationTable): string {
  const values = [...t.mCE, ...t.relativeMCE].filter(Number.isFinite);
  if (!values.length) return '';
  const max = Math.max(1.2, Math.ceil(Math.max(...values) / 0.25) * 0.25);
  const rows = t.models.map((m, i) => ({ label: m.id, values: [t.mCE[i], t.relativeMCE[i]] }));
  const series = [{ name: 'mCE', color: '#c0392b' }, { name: 'relative mCE', color: '#e8a39b' }];
  return `<figure>${groupedBarChart(rows, series, { title: 'mCE and relative mCE per model', max, step: max > 2 ? 0.5 : 0.25, reference: { value: 1, label: 'dense = 100' } })}<figcaption>Corruption error relative to the dense baseline (dashed line): shorter bars are more robust. Relative mCE counts only the error added by the corruptions (corrupted − clean).</figcaption></figure>`;
}
