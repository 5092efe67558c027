// Report sections on structure: geometric similarity of the models (MDS + MST), benchmark
// redundancy (clustered correlation heat maps, near-duplicate corruptions) and feature geometry.
import { categorical, scaleKey } from './colors';
import { corruptionLabel, esc, num, pct, plural } from './format';
import type { ReportData } from './report-data';
import { glossaryList } from './report-evaluation';
import { similarityMap } from './svg-charts';
import { correlationHeatmap } from './svg-heatmap';
import { correlationScale } from '../../../../src-shared/util/value-scales';
import type { CorrelationSource } from '../../../../src-shared/findings/redundancy-notes';
import { emptyRowReason, emptyRows } from '../../../../src-shared/findings/redundancy-notes';
import type { RedundancyResult } from '../../../../src-shared/api/result-types';

/** One colour per pruning method, in first-seen order; the dense model dark grey. */
export function methodColors(models: { id: string; role: string; method: string }[]): Map<string, string> {
  const methods = [...new Set(models.filter((m) => m.role !== 'dense').map((m) => m.method))];
  return new Map(models.map((m) => [m.id, m.role === 'dense' ? '#333' : categorical[methods.indexOf(m.method) % categorical.length]]));
}

export function similaritySection(data: ReportData): string {
  const s = data.similarity;
  if (!s) return `<section id="similarity"><h2>3 · Geometric similarity</h2><p class="warn">Not available: ${esc(data.similarityError ?? 'no results')}</p></section>`;
  const models = data.evaluation.models;
  const colors = methodColors(models);
  const m = s.models.length;
  const role = new Map(models.map((x) => [x.id, x]));
  const points = s.models.map((id, i) => ({ label: id, x: s.layout[2 * i], y: s.layout[2 * i + 1], color: colors.get(id) ?? '#999', dense: role.get(id)?.role === 'dense' }));
  const legendMethods = [...new Map(models.map((x) => [x.method, colors.get(x.id)!])).entries()];
  const legend = `<ul class="legend">${legendMethods.map(([method, color]) => `<li><i style="background:${color}"></i>${esc(method)}</li>`).join('')}</ul>`;
  const dense = s.models.findIndex((id) => role.get(id)?.role === 'dense');
  const rows = s.models.map((id, i) => {
    let nearest = -1;
    for (let j = 0; j < m; j++) if (j !== i && (nearest < 0 || s.distance[i * m + j] < s.distance[i * m + nearest])) nearest = j;
    return `<tr><td>${esc(id)}</td><td>${nearest >= 0 ? esc(s.models[nearest]) : '—'}</td><td class="n">${nearest >= 0 ? num(s.distance[i * m + nearest], 3) : '—'}</td>` +
      `<td class="n">${dense >= 0 ? num(s.distance[i * m + dense], 3) : '—'}</td><td class="n">${dense >= 0 ? pct(s.agreement[i * m + dense]) : '—'}</td><td class="n">${dense >= 0 ? num(s.cka[i * m + dense], 3) : '—'}</td></tr>`;
  });
  return `<section id="similarity"><h2>3 · Geometric similarity</h2>
<p>Each model is described by the per-sample angle to the true class, feature length and margin on the clean set; models are placed by classical MDS of the distances between these vectors, and the minimum spanning tree links each model to its closest neighbours (edge labels: distance). Nearby models changed the feature geometry in the same way.</p>
<figure>${similarityMap(points, s.mst, { title: 'Geometric similarity of the models (MDS layout with minimum spanning tree)' })}${legend}<figcaption>Square: dense baseline. Colour: pruning method.</figcaption></figure>
<table><thead><tr><th>model</th><th>nearest model</th><th class="n">distance</th><th class="n">distance to dense</th><th class="n">agreement with dense %</th><th class="n">CKA with dense</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="caption">Agreement: share of clean samples with the same prediction as the dense model. CKA: linear centred kernel alignment of the penultimate features (1 = the same up to rotation and scale)${s.ckaSamples < s.samples ? `, on a seeded subsample of ${s.ckaSamples.toLocaleString('en-US')} of the ${s.samples.toLocaleString('en-US')} clean samples (the same rows for every model)` : ''}.</p>
</section>`;
}

export function redundancySection(data: ReportData): string {
  const r = data.redundancy;
  if (!r) return `<section id="redundancy"><h2>4 · Benchmark redundancy</h2><p class="warn">Not available: ${esc(data.redundancyError ?? 'no results')}</p></section>`;
  const k = r.corruptions.length;
  const pairs: { a: number; b: number; drop: number; sample: number }[] = [];
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) pairs.push({ a, b, drop: r.correlation[a * k + b], sample: r.sampleCorrelation[a * k + b] });
  pairs.sort((x, y) => (Number.isFinite(y.drop) ? y.drop : -2) - (Number.isFinite(x.drop) ? x.drop : -2));
  const nearDup = new Set(r.nearDuplicates.map((d) => `${d.a}|${d.b}`));
  const isDup = (p: (typeof pairs)[number]) => nearDup.has(`${r.corruptions[p.a]}|${r.corruptions[p.b]}`) || nearDup.has(`${r.corruptions[p.b]}|${r.corruptions[p.a]}`);
  const top = pairs.slice(0, Math.max(8, r.nearDuplicates.length));
  const rows = top.map((p) => `<tr><td>${esc(corruptionLabel(r.corruptions[p.a]))}</td><td>${esc(corruptionLabel(r.corruptions[p.b]))}</td><td class="n">${num(p.drop, 3)}</td><td class="n">${num(p.sample, 3)}</td><td>${isDup(p) ? '<b>near-duplicate</b>' : ''}</td></tr>`);
  const dups = r.nearDuplicates.length
    ? `<p><b>${plural(r.nearDuplicates.length, 'near-duplicate pair')}</b> (r ≥ 0.9 across models): ${r.nearDuplicates.map((d) => `${esc(corruptionLabel(d.a))} ≈ ${esc(corruptionLabel(d.b))} (r = ${d.r.toFixed(3)})`).join('; ')}. Running one of each pair tells nearly as much as running both.</p>`
    : '<p>No pair of corruptions reaches r ≥ 0.9 across models: each corruption adds information.</p>';
  return `<section id="redundancy"><h2>4 · Benchmark redundancy</h2>
<p>Corruptions are compared by how the models' accuracy drops under them (left: correlation across models of the clean-to-corrupted accuracy drop) and by which samples they break (right: correlation of per-sample correctness). Rows and columns follow the average-linkage clustering of the left matrix.</p>
${dups}
<div class="two">
<figure>${correlationHeatmap({ labels: r.corruptions, values: r.correlation, order: r.order, merges: r.merges, title: 'Correlation of accuracy drops across models' })}<figcaption>Accuracy drop, correlated across models, with the clustering dendrogram.</figcaption></figure>
<figure>${correlationHeatmap({ labels: r.corruptions, values: r.sampleCorrelation, order: r.order, reserveDendrogram: true, title: 'Correlation of per-sample correctness' })}<figcaption>Per-sample correctness, correlated over samples × models × severities; same order.</figcaption></figure>
</div>
${scaleKey(correlationScale)}
${glossaryList(['correlation'])}
${emptyRowNotes(r, data)}
<h3>Most correlated pairs</h3>
<table><thead><tr><th>corruption</th><th>corruption</th><th class="n">r (accuracy drop)</th><th class="n">r (samples)</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>
</section>`;
}

export function geometrySection(data: ReportData): string {
  const pair = (a: number | undefined, b: number | undefined, digits: number) => `<td class="n">${num(a, digits)}</td><td class="n">${num(b, digits)}</td>`;
  const rows = data.geometry.map((g) => `<tr><td>${esc(g.modelId)}</td>${pair(g.clean?.angleGtMean, g.corrupted?.angleGtMean, 1)}${pair(g.clean?.angleGtVar, g.corrupted?.angleGtVar, 1)}${pair(g.clean?.lengthMean, g.corrupted?.lengthMean, 2)}${pair(g.clean?.logitMarginMean, g.corrupted?.logitMarginMean, 2)}${pair(g.clean?.geomMarginMean, g.corrupted?.geomMarginMean, 3)}<td class="n">${g.zeroFeatures}</td></tr>`);
  const sets = Math.max(0, ...data.geometry.map((g) => g.corrupted?.sets ?? 0));
  const group = (name: string) => `<th class="n" colspan="2">${name}</th>`;
  return `<section id="geometry"><h2>5 · Feature geometry</h2>
<p>Per model: mean angle between the penultimate feature and the true class's weight vector (angle<sub>gt</sub>, degrees; smaller = more confidently aligned), its variance over samples, the mean feature length ‖f‖, and the mean logit and geometric margins (negative when misclassified). "clean" is the clean test set; "corr." the mean over the ${plural(sets, 'corrupted set')} (corruptions × severities) of each set's value.</p>
<table><thead><tr><th rowspan="2">model</th>${group('angle<sub>gt</sub> mean (°)')}${group('angle<sub>gt</sub> variance')}${group('length ‖f‖')}${group('logit margin')}${group('geometric margin')}<th class="n" rowspan="2">zero<br>features</th></tr>
<tr>${'<th class="n">clean</th><th class="n">corr.</th>'.repeat(5)}</tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="caption">Zero features: samples whose penultimate feature vector is all zeros (their angles are undefined and left out of the means), over all sets.</p>
</section>`;
}

/** The corruptions whose heat-map rows are empty, and why (the app's redundancy view says the same). */
function emptyRowNotes(r: RedundancyResult, data: ReportData): string {
  const k = r.corruptions.length;
  const notes = (['models', 'samples'] as CorrelationSource[]).flatMap((source) =>
    emptyRows(source === 'models' ? r.correlation : r.sampleCorrelation, k).map((i) => `<li>${source === 'models' ? 'Left' : 'Right'}, <b>${esc(corruptionLabel(r.corruptions[i]))}</b>: ${esc(emptyRowReason(r.corruptions[i], source, data.evaluation))}.</li>`));
  return notes.length ? `<ul class="note" data-empty-rows>${notes.join('')}</ul>` : '';
}
