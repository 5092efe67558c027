// Plain-text lines for the structure part of a model card (N:M, effective MACs, low rank,
// quantisation, transformer heads and MLP widths, comparison with the parent), shared by the
// CLI's `inspect`, the report and the UI so they say the same thing.
import type { LayerInfo, ModelSummary } from '../api/types';
import type { LayerQuantisation } from './layer-weights';
import { nmLabel } from './nm-sparsity';
import { formatPercent as pct } from '../util/format';

type Card = NonNullable<ModelSummary['card']>;

/** "int8 per-channel symmetric". */
export function quantisationLabel(q: LayerQuantisation): string {
  const granularity = q.granularity === 'blocked' && q.blockSize ? `blocked (${q.blockSize})` : q.granularity;
  return `${q.signed ? '' : 'u'}int${q.bits} ${granularity} ${q.symmetric ? 'symmetric' : 'asymmetric'}`;
}


/** "2:4 along input channels · int8 per-channel symmetric" for one layer; '' when neither. */
export function layerPatternText(l: LayerInfo): string {
  return [l.nm ? nmLabel(l.nm) : '', l.quantisation ? quantisationLabel(l.quantisation) : ''].filter(Boolean).join(' · ');
}

/** Counts of equal labels, most common first: "int8 per-channel symmetric (4 layers), …". */
function tally(labels: string[]): string {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} (${n} layer${n === 1 ? '' : 's'})`).join(', ');
}

/** Compact list of equal numbers: "6 ×10, 4 ×2". */
function runs(values: (number | null)[]): string {
  const out: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j < values.length && values[j] === values[i]) j++;
    out.push(`${values[i] ?? '?'}${j - i > 1 ? ` ×${j - i}` : ''}`);
    i = j;
  }
  return out.join(', ');
}

/** [label, text] rows of the card's structure; `macs` formats a MAC count. */
export function structureRows(card: Card, formatMacs: (n: number) => string): [string, string][] {
  const macs = (n: number) => formatMacs(Math.round(n));
  const rows: [string, string][] = [];
  const layers = card.layers ?? [];
  if (card.macs) {
    const parts = [`dense ${macs(card.macs.total)}`];
    if (card.macs.sparse !== undefined && card.macs.sparse < card.macs.total) parts.push(`zeros skipped ${macs(card.macs.sparse)}`);
    if (card.macs.nm !== undefined) parts.push(`N:M ${macs(card.macs.nm)}`);
    if (parts.length > 1) rows.push(['effective MACs', parts.join(' · ')]);
  }
  const nm = layers.filter((l) => l.nm);
  if (nm.length) rows.push(['N:M sparsity', `${tally(nm.map((l) => nmLabel(l.nm!)))} of ${layers.length}`]);
  const quantised = layers.filter((l) => l.quantisation);
  if (quantised.length) {
    const formats = [...new Set(quantised.map((l) => (l.quantisation!.format === 'qdq' ? 'QDQ' : 'QOperator')))].join(' + ');
    rows.push(['quantisation', `${formats}: ${tally(quantised.map((l) => quantisationLabel(l.quantisation!)))} of ${layers.length}`]);
  }
  for (const f of card.structure?.factorised ?? []) rows.push(['low rank', `${f.first} → ${f.second}: low-rank r=${f.rank} (of ${f.fullRank})`]);
  const t = card.structure?.transformer;
  if (t) {
    const dims = [...new Set(t.attention.map((a) => a.headDim))];
    rows.push(['attention', `${t.attention.length} block${t.attention.length === 1 ? '' : 's'}; heads ${runs(t.attention.map((a) => a.heads))}; head dim ${dims.map((d) => d ?? '?').join('/')}`]);
    if (t.mlpWidths.length) rows.push(['MLP widths', runs(t.mlpWidths)]);
  }
  const s = card.shrink;
  if (s) {
    const matched = s.layers.length + 2 * s.factorised.length;
    const byShape = s.layers.filter((l) => l.matchedBy === 'shape').length;
    if (!s.sameArchitecture) {
      const total = matched + s.unmatched.length;
      rows.push(['vs parent', `different architecture from '${s.parent}': ${matched} of ${total} layers matched (${byShape} by shape), ${s.unmatched.length} unmatched here, ${s.unmatchedParent.length} of '${s.parent}' unmatched`]);
    } else if (s.structurallyPruned) rows.push(['vs parent', `channels removed: keeps ${pct(s.keptParameters)} of '${s.parent}''s parameters in matched layers`]);
    for (const f of s.factorised) rows.push(['vs parent', `${f.parentName} of '${s.parent}' factorised as ${f.first} → ${f.second} (r=${f.rank} of ${f.fullRank})`]);
  }
  return rows;
}
