// Correlation heat maps (rows and columns in the clustering's leaf order) with the dendrogram
// on top and a colour key, as inline SVG.
import { correlationScale } from '../../../../src-shared/util/value-scales';
import { rgb, textOn } from './colors';
import { corruptionLabel, esc } from './format';
import { svg } from './svg-charts';

const f1 = (x: number) => x.toFixed(1);

export interface HeatmapInput {
  labels: string[];
  /** K × K, row-major, in `labels` order. */
  values: ArrayLike<number>;
  /** Leaf order (indices into labels). */
  order: number[];
  /** SciPy-layout merges (leaves < K, merge i is cluster K + i), drawn as a dendrogram when given. */
  merges?: { a: number; b: number; height: number }[];
  /** Leave the dendrogram's space empty (to align with a neighbouring map that has one). */
  reserveDendrogram?: boolean;
  title: string;
  /** Cell size in px. */
  cell?: number;
}

export function correlationHeatmap(input: HeatmapInput): string {
  const k = input.labels.length;
  const cell = input.cell ?? (k <= 6 ? 30 : k <= 10 ? 22 : 12);
  const labelSpace = 8 + 5.6 * Math.max(...input.labels.map((l) => l.length), 4);
  const hasDendrogram = !!input.merges && input.merges.length === k - 1;
  const dendro = hasDendrogram || input.reserveDendrogram ? 50 : 0;
  const left = labelSpace;
  const top = dendro + labelSpace;
  const keyWidth = 46;
  const width = left + k * cell + keyWidth + 10;
  const height = Math.max(top + k * cell + 8, 190);
  const parts: string[] = [];
  const pos = new Map(input.order.map((leaf, p) => [leaf, p]));
  input.order.forEach((ri, r) => {
    const name = corruptionLabel(input.labels[ri]);
    parts.push(`<text x="${f1(left - 4)}" y="${f1(top + r * cell + cell / 2 + 3)}" text-anchor="end" class="label">${esc(name)}</text>`);
    const cx = left + r * cell + cell / 2 + 3;
    parts.push(`<text transform="translate(${f1(cx)},${f1(top - 4)}) rotate(-90)" class="label">${esc(name)}</text>`);
    input.order.forEach((ci, c) => {
      const v = input.values[ri * k + ci];
      const color = correlationScale.color(v) ?? [1, 1, 1];
      const x = left + c * cell;
      const y = top + r * cell;
      parts.push(`<rect x="${f1(x)}" y="${f1(y)}" width="${cell}" height="${cell}" fill="${Number.isFinite(v) ? rgb(color) : 'none'}" stroke="#fff" stroke-width="0.5"><title>${esc(`${input.labels[ri]} × ${input.labels[ci]}: r = ${Number.isFinite(v) ? v.toFixed(3) : 'n/a'}`)}</title></rect>`);
      if (cell >= 22 && Number.isFinite(v)) parts.push(`<text x="${f1(x + cell / 2)}" y="${f1(y + cell / 2 + 3)}" text-anchor="middle" class="cellvalue" fill="${textOn(color)}">${v.toFixed(2)}</text>`);
    });
  });
  if (hasDendrogram) parts.push(...dendrogram(input.merges!, pos, k, { left, cell, bottom: dendro - 4, height: dendro - 10 }));
  parts.push(...colorKey(left + k * cell + 14, top, Math.min(k * cell, 150)));
  return svg(width, height, input.title, parts);
}

function dendrogram(merges: { a: number; b: number; height: number }[], pos: Map<number, number>, k: number, frame: { left: number; cell: number; bottom: number; height: number }): string[] {
  const maxHeight = Math.max(...merges.map((m) => m.height), 1e-9);
  const x = new Map<number, number>();
  const y = new Map<number, number>();
  for (let leaf = 0; leaf < k; leaf++) {
    x.set(leaf, frame.left + (pos.get(leaf) ?? leaf) * frame.cell + frame.cell / 2);
    y.set(leaf, frame.bottom);
  }
  const paths: string[] = [];
  merges.forEach((m, i) => {
    const h = frame.bottom - (m.height / maxHeight) * frame.height;
    const xa = x.get(m.a)!;
    const xb = x.get(m.b)!;
    paths.push(`M${f1(xa)},${f1(y.get(m.a)!)}V${f1(h)}H${f1(xb)}V${f1(y.get(m.b)!)}`);
    x.set(k + i, (xa + xb) / 2);
    y.set(k + i, h);
  });
  return [`<path d="${paths.join('')}" fill="none" stroke="#555" stroke-width="1"/>`];
}

function colorKey(x: number, y: number, h: number): string[] {
  const steps = 20;
  const parts: string[] = [];
  for (let i = 0; i < steps; i++) {
    const r = 1 - (2 * i) / (steps - 1);
    parts.push(`<rect x="${f1(x)}" y="${f1(y + (i * h) / steps)}" width="10" height="${f1(h / steps + 0.5)}" fill="${rgb(correlationScale.color(r)!)}"/>`);
  }
  parts.push(`<text x="${f1(x + 13)}" y="${f1(y + 7)}" class="tick">+1</text>`);
  parts.push(`<text x="${f1(x + 13)}" y="${f1(y + h / 2 + 3)}" class="tick">0</text>`);
  parts.push(`<text x="${f1(x + 13)}" y="${f1(y + h)}" class="tick">−1</text>`);
  parts.push(`<text x="${f1(x)}" y="${f1(y + h + 14)}" class="tick">Pearson r</text>`);
  return parts;
}
