// Report sections on samples and models: the gallery of the most pruning-fragile / -improved
// samples (images as data URIs, every model's prediction per column) and the model cards.
import type { ModelSummary } from '../../../../src-shared/api/types';
import { layerPatternText, structureRows } from '../../../../src-shared/onnx/card-text';
import { fragileColor, improvedColor } from './colors';
import { bytes, corruptionLabel, esc, integer, macs, pct } from './format';
import type { ReportData } from './report-data';
import type { GallerySample } from './report-geometry';

/** Where the card's corruption columns come from; with none, whether corruptions were run at all. */
function corruptionNote(s: GallerySample, corruptionsRun: number): string {
  if (s.corruption) return `corruption: <b>${esc(corruptionLabel(s.corruption))}</b>`;
  return corruptionsRun === 0 ? 'no corruptions run' : `no corruption where the same happens (${corruptionsRun} run)`;
}

function sampleCard(s: GallerySample, classes: string[], pruned: number, corruptionsRun: number): string {
  const name = (c: number) => classes[c] ?? `class ${c}`;
  const color = s.kind === 'fragile' ? fragileColor : improvedColor;
  const what = s.kind === 'fragile' ? 'pruning-fragile' : 'pruning-improved';
  const head = s.images.map((im) => `<th><figure><img src="${im.uri}" alt="${esc(`sample ${s.index}, ${im.setId}`)}"><figcaption>${esc(im.caption)}</figcaption></figure></th>`).join('');
  const rows = s.rows.map((r, i) => `<tr class="${i === 0 ? 'dense' : ''}"><td>${esc(r.modelId)}</td>${r.cells.map((c) => (c ? `<td class="${c.correct ? 'ok' : 'bad'}">${esc(name(c.pred))} ${pct(c.confidence, 0)}%</td>` : '<td>—</td>')).join('')}</tr>`);
  return `<div class="sample"><header><span><b>Sample #${s.index}</b> · true class <b>${esc(name(s.label))}</b></span>
<span><span class="tag" style="background:${color}">${what}</span> for ${s.models.length} of ${pruned} pruned models on the clean set</span>
<span>${corruptionNote(s, corruptionsRun)}</span></header>
<table class="preds"><thead><tr><th style="width:22mm">model</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

export function gallerySection(data: ReportData): string {
  const pruned = data.evaluation.models.filter((m) => m.role !== 'dense').length;
  const { fragile, improved } = data.gallery;
  const corruptionsRun = new Set(data.evaluation.sets.filter((set) => set.corruption !== 'clean').map((set) => set.corruption)).size;
  const none = (what: string) => `<p class="note">No sample is ${what} for any pruned model on the clean set.</p>`;
  // The heading travels with the first card, so it never ends a page alone.
  const group = (title: string, samples: GallerySample[], what: string) => {
    const cards = samples.map((s) => sampleCard(s, data.bundle.classes, pruned, corruptionsRun));
    return `<div class="keep"><h3>${title}</h3>${cards[0] ?? none(what)}</div>${cards.slice(1).join('')}`;
  };
  return `<section id="gallery"><h2>6 · Samples pruning changed</h2>
<p>The clean-set samples that the most pruned models get wrong although the dense model is right (<span style="color:${fragileColor}">pruning-fragile</span>), and that the most pruned models get right although the dense model is wrong (<span style="color:${improvedColor}">pruning-improved</span>). Each is shown under the corruption where the same happens for the most models and severities. Cells: predicted class and its softmax confidence; <span style="color:#b3160d;font-weight:600">red</span> = wrong, <span style="color:#0a6b4f">green</span> = right.</p>
${group('Most pruning-fragile', fragile, 'pruning-fragile')}
${group('Most pruning-improved', improved, 'pruning-improved')}
</section>`;
}

function modelCard(m: ModelSummary, evaluation: ReportData['evaluation']): string {
  const card = m.card;
  const i = evaluation.models.findIndex((x) => x.id === m.id);
  const role = m.role === 'dense' ? ' (baseline)' : '';
  if (!card) return `<div class="card"><h3>${esc(m.id)}${role}</h3><div class="method">${esc(m.method)}</div><p class="warn">Could not be read: ${esc(m.error?.message ?? 'unknown error')}</p></div>`;
  const shrink = new Map(card.shrink?.layers.map((l) => [l.name, l]) ?? []);
  const kv: [string, string][] = [
    ['declared sparsity', m.sparsity === undefined ? '—' : `${pct(m.sparsity)} %`],
    ['weight sparsity', card.weightSparsity === undefined ? '—' : `${pct(card.weightSparsity)} % of Conv/Gemm/MatMul weights are zero`],
    ['parameters', card.nonZeroParameters === undefined ? integer(card.parameterCount) : `${integer(card.nonZeroParameters)} non-zero of ${integer(card.parameterCount)}`],
    ['MACs / input', card.macs ? `${macs(card.macs.total)}${card.macs.partial ? ' (partial)' : ''}` : '—'],
    ['file', `${bytes(card.fileBytes)} · opset ${card.opset ?? '—'} · ${esc(card.producer || 'unknown producer')}`],
    ['head', card.head ? `${card.head.form}, ${card.head.featureDim}-d features → ${card.head.classes} classes` : esc(card.headError?.message ?? '—')],
  ];
  for (const [k, v] of structureRows(card, macs)) kv.push([k, esc(v)]);
  if (i >= 0) kv.push(['clean / robust acc.', `${pct(evaluation.accuracy[i * evaluation.sets.length + evaluation.sets.findIndex((s) => s.id === 'clean')])} % / ${pct(evaluation.robustAccuracy[i])} %`]);
  // The pattern column (N:M, quantisation) only where some layer has one; such a card takes the full width.
  const patterns = (card.layers ?? []).some((l) => layerPatternText(l) !== '');
  const layers = (card.layers ?? []).map((l) => {
    const s = shrink.get(l.name);
    const channels = s && s.parentOutChannels !== s.outChannels ? `${l.outChannels}/${s.parentOutChannels}` : String(l.outChannels);
    return `<tr><td title="${esc(l.name)}">${esc(l.name)}</td><td>${esc(l.op)}</td><td class="n">${l.shape.join('×')}</td><td class="n">${channels}</td><td class="n">${integer(l.parameters)}</td><td class="n"><span class="bar"><i style="width:${(l.sparsity * 100).toFixed(1)}%"></i></span> ${pct(l.sparsity)}</td>${patterns ? `<td>${esc(layerPatternText(l))}</td>` : ''}</tr>`;
  });
  return `<div class="card${patterns ? ' wide' : ''}"><h3>${esc(m.id)}${role}</h3><div class="method">${esc(m.method)}</div>
<table class="kv">${kv.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>
${layers.length ? `<table class="layers"><thead><tr><th>layer</th><th>op</th><th class="n">shape</th><th class="n">out ch.</th><th class="n">params</th><th class="n">sparsity %</th>${patterns ? '<th>pattern</th>' : ''}</tr></thead><tbody>${layers.join('')}</tbody></table>` : ''}</div>`;
}

export function modelCardsSection(data: ReportData): string {
  return `<section id="models"><h2>7 · Model cards</h2>
<p>Read from the ONNX files. Sparsity per layer is the share of zero weights in that layer's Conv/Gemm/MatMul weight; "out ch." shows kept/parent channels where a structured method removed channels (the parent is the model named by <code>parent</code> in bundle.json, else the dense model; layers are matched by name, then by shape); "pattern" gives N:M sparsity and the quantisation of the stored weights.</p>
<div class="cards">${data.bundle.models.filter((m) => data.evaluation.models.some((e) => e.id === m.id)).map((m) => modelCard(m, data.evaluation)).join('')}</div></section>`;
}
