// The first page's "key findings": the handful of facts a co-author reads before any table,
// each derived from the same numbers the sections show.
import { formatSanityWarning } from '../../../../src-shared/findings/sanity-warnings';
import { ce, corruptionLabel, esc, integer, num, pct, plural } from './format';
import type { ReportData } from './report-data';
import { cleanAccuracies } from './report-evaluation';
import { inertCorruptions } from './report-geometry';
import { sweepFindings } from './report-sweeps';

export function keyFindings(data: ReportData): string {
  const t = data.evaluation;
  const clean = cleanAccuracies(t);
  const dense = t.models.findIndex((m) => m.role === 'dense');
  const pruned = t.models.map((m, i) => ({ ...m, i })).filter((m) => m.role !== 'dense');
  const items: string[] = [];
  const label = (i: number) => `<b>${esc(t.models[i].id)}</b>${t.models[i].sparsity === null ? '' : ` (${pct(t.models[i].sparsity)} % sparse)`}`;
  if (dense >= 0) items.push(`Dense baseline: ${pct(clean[dense])} % clean accuracy${Number.isFinite(t.robustAccuracy[dense]) ? `, ${pct(t.robustAccuracy[dense])} % robust accuracy` : ''}.`);
  const robust = pruned.filter((m) => Number.isFinite(t.robustAccuracy[m.i])).sort((a, b) => t.robustAccuracy[b.i] - t.robustAccuracy[a.i]);
  if (robust.length) {
    const best = robust[0].i;
    const worst = robust[robust.length - 1].i;
    items.push(`Most robust pruned model: ${label(best)}, robust accuracy ${pct(t.robustAccuracy[best])} %, mCE ${ce(t.mCE[best])} % of the dense error.` +
      (robust.length > 1 ? ` Least robust: ${label(worst)}, ${pct(t.robustAccuracy[worst])} %, mCE ${ce(t.mCE[worst])} %.` : ''));
    const better = robust.filter((m) => t.mCE[m.i] < 1);
    items.push(better.length
      ? `${better.length} of ${pruned.length} pruned models ${better.length === 1 ? 'has' : 'have'} an mCE below 100 % (more robust than the dense baseline): ${better.map((m) => esc(m.id)).join(', ')}.`
      : `No pruned model beats the dense baseline's corruption error (every mCE ≥ 100 %).`);
  }
  const losses = pruned.filter((m) => Number.isFinite(clean[m.i]) && dense >= 0).sort((a, b) => clean[a.i] - clean[b.i]);
  if (losses.length && dense >= 0) items.push(`Largest clean-accuracy loss: ${label(losses[0].i)}, ${num((clean[dense] - clean[losses[0].i]) * 100, 1)} points below the dense model.`);
  const s = data.similarity;
  if (s && dense >= 0) {
    const m = s.models.length;
    const d = s.models.indexOf(t.models[dense].id);
    const others = s.models.map((id, i) => ({ id, dist: s.distance[d * m + i] })).filter((x) => x.id !== t.models[dense].id).sort((a, b) => a.dist - b.dist);
    if (d >= 0 && others.length > 1) items.push(`Feature geometry closest to the dense model: <b>${esc(others[0].id)}</b>; furthest: <b>${esc(others[others.length - 1].id)}</b>.`);
  }
  if (data.sampleCount > 0 && pruned.length) {
    items.push(`${integer(data.fragileSamples.any)} of ${integer(data.sampleCount)} clean samples are pruning-fragile for at least one pruned model; ${integer(data.fragileSamples.half)} for at least half of them.`);
  }
  if (data.redundancy) {
    const top = data.redundancy.nearDuplicates[0];
    items.push(data.redundancy.nearDuplicates.length
      ? `${plural(data.redundancy.nearDuplicates.length, 'near-duplicate corruption pair')} (r ≥ 0.9), the closest ${esc(corruptionLabel(top.a))} ≈ ${esc(corruptionLabel(top.b))} (r = ${top.r.toFixed(3)}).`
      : 'No two corruptions are near-duplicates (r ≥ 0.9).');
  }
  items.push(...sweepFindings(data));
  const inert = inertCorruptions(t);
  if (inert.length) items.push(`${inert.map((c) => esc(corruptionLabel(c))).join(', ')} changed no model's accuracy at any severity${inert.includes('saturate') ? ' (saturate leaves grayscale images unchanged at severities 1–3)' : ''}.`);
  return sanityBanner(data) + (items.length ? `<h3>Key findings</h3><ul class="findings">${items.map((x) => `<li>${x}</li>`).join('')}</ul>` : '');
}

/** Probably-wrong results, above the findings: nothing below should be read before these are resolved. */
function sanityBanner(data: ReportData): string {
  const warnings = data.warnings ?? [];
  if (!warnings.length) return '';
  return `<div class="sanity-warning" role="alert"><b>Check these results before reading on:</b><ul>${warnings.map((w) => `<li data-kind="${esc(w.kind)}">${esc(formatSanityWarning(w))}</li>`).join('')}</ul></div>`;
}
