// The report's bar chart and similarity map as inline SVG strings (no chart library at runtime:
// the report must open anywhere, offline, and print the same).
import { esc, pct } from './format';

const f1 = (x: number) => x.toFixed(1);

export interface BarRow {
  label: string;
  /** One value per series (fractions: 0.87 = 87 %); NaN draws nothing. */
  values: number[];
}

export interface BarOptions {
  title: string;
  width?: number;
  /** Axis end (default 1 = 100 %); ticks every `step` (default 0.2). */
  max?: number;
  step?: number;
  /** A dashed reference line (e.g. the baseline's 100 % mCE). */
  reference?: { value: number; label: string };
}

/** Horizontal grouped bars from 0, one group per row; values and ticks in percent. */
export function groupedBarChart(rows: BarRow[], series: { name: string; color: string }[], options: BarOptions): string {
  const width = options.width ?? 680;
  const max = options.max ?? 1;
  const step = options.step ?? 0.2;
  const labelWidth = Math.min(170, 12 + 6.2 * Math.max(...rows.map((r) => r.label.length), 4));
  const barHeight = 9;
  const groupHeight = series.length * barHeight + 8;
  const top = 26;
  const plotWidth = width - labelWidth - 46;
  const height = top + rows.length * groupHeight + 24;
  const x = (v: number) => labelWidth + (Math.max(0, Math.min(max, v)) / max) * plotWidth;
  const parts: string[] = [];
  for (let k = 0; k * step <= max + 1e-9; k++) {
    const t = k * step;
    parts.push(`<line x1="${f1(x(t))}" y1="${top - 4}" x2="${f1(x(t))}" y2="${height - 20}" stroke="#ddd"/>`);
    parts.push(`<text x="${f1(x(t))}" y="${height - 8}" text-anchor="middle" class="tick">${Math.round(t * 100)}%</text>`);
  }
  rows.forEach((row, r) => {
    const y0 = top + r * groupHeight;
    parts.push(`<text x="${labelWidth - 6}" y="${f1(y0 + (series.length * barHeight) / 2 + 3.5)}" text-anchor="end" class="label">${esc(row.label)}</text>`);
    row.values.forEach((v, s) => {
      if (!Number.isFinite(v)) return;
      const y = y0 + s * barHeight;
      parts.push(`<rect x="${labelWidth}" y="${y}" width="${f1(x(v) - labelWidth)}" height="${barHeight - 1.5}" fill="${series[s].color}"><title>${esc(`${row.label} · ${series[s].name}: ${pct(v)} %`)}</title></rect>`);
      parts.push(`<text x="${f1(x(v) + 3)}" y="${f1(y + barHeight - 2.5)}" class="value">${pct(v)}</text>`);
    });
  });
  if (options.reference) {
    const rx = f1(x(options.reference.value));
    parts.push(`<line x1="${rx}" y1="${top - 8}" x2="${rx}" y2="${height - 20}" stroke="#222" stroke-dasharray="4 3"/><text x="${rx}" y="${top - 10}" text-anchor="middle" class="tick">${esc(options.reference.label)}</text>`);
  }
  const legend = series.map((s, i) => `<rect x="${labelWidth + i * 130}" y="2" width="10" height="10" fill="${s.color}"/><text x="${labelWidth + i * 130 + 14}" y="11" class="label">${esc(s.name)}</text>`);
  return svg(width, height, options.title, [...legend, ...parts]);
}

export interface MapPoint {
  label: string;
  x: number;
  y: number;
  color: string;
  /** The dense model is drawn as a square. */
  dense?: boolean;
}

/** 2-D layout with edges (the MST), equal aspect so distances read true, greedy label placement. */
export function similarityMap(points: MapPoint[], edges: { a: number; b: number; distance: number }[], options: { width?: number; height?: number; title: string }): string {
  const width = options.width ?? 680;
  const height = options.height ?? 440;
  const pad = 50;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const spanX = Math.max(...xs) - Math.min(...xs) || 1;
  const spanY = Math.max(...ys) - Math.min(...ys) || 1;
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const px = (p: MapPoint) => width / 2 + (p.x - cx) * scale;
  const py = (p: MapPoint) => height / 2 - (p.y - cy) * scale;
  const parts: string[] = [];
  for (const e of edges) {
    const a = points[e.a];
    const b = points[e.b];
    if (!a || !b) continue;
    parts.push(`<line x1="${f1(px(a))}" y1="${f1(py(a))}" x2="${f1(px(b))}" y2="${f1(py(b))}" stroke="#888" stroke-width="1.2"><title>${esc(`${a.label} – ${b.label}: ${e.distance.toFixed(3)}`)}</title></line>`);
    // Short edges sit inside clusters, where a label would only cover the points' names.
    if (Math.hypot(px(a) - px(b), py(a) - py(b)) > 70) parts.push(`<text x="${f1((px(a) + px(b)) / 2 + 3)}" y="${f1((py(a) + py(b)) / 2 - 3)}" class="edge">${e.distance.toFixed(1)}</text>`);
  }
  const boxes: { x0: number; y0: number; x1: number; y1: number }[] = points.map((p) => ({ x0: px(p) - 5, y0: py(p) - 5, x1: px(p) + 5, y1: py(p) + 5 }));
  const overlap = (b: (typeof boxes)[number]) =>
    boxes.reduce((s, o) => s + Math.max(0, Math.min(b.x1, o.x1) - Math.max(b.x0, o.x0)) * Math.max(0, Math.min(b.y1, o.y1) - Math.max(b.y0, o.y0)), 0) +
    (b.x0 < 0 || b.x1 > width || b.y0 < 0 || b.y1 > height ? 1e4 : 0);
  points.forEach((p) => {
    const x = px(p);
    const y = py(p);
    parts.push(p.dense
      ? `<rect x="${f1(x - 5)}" y="${f1(y - 5)}" width="10" height="10" fill="${p.color}" stroke="#222"/>`
      : `<circle cx="${f1(x)}" cy="${f1(y)}" r="5" fill="${p.color}" stroke="#222" stroke-width="0.8"/>`);
    const w = 6.3 * p.label.length;
    const candidates = [
      { x0: x + 8, y0: y - 5, anchor: 'start', tx: x + 8, ty: y + 4 },
      { x0: x - 8 - w, y0: y - 5, anchor: 'end', tx: x - 8, ty: y + 4 },
      { x0: x - w / 2, y0: y - 20, anchor: 'middle', tx: x, ty: y - 10 },
      { x0: x - w / 2, y0: y + 8, anchor: 'middle', tx: x, ty: y + 18 },
      { x0: x + 6, y0: y - 18, anchor: 'start', tx: x + 6, ty: y - 9 },
      { x0: x + 6, y0: y + 7, anchor: 'start', tx: x + 6, ty: y + 16 },
      { x0: x - 6 - w, y0: y - 18, anchor: 'end', tx: x - 6, ty: y - 9 },
      { x0: x - 6 - w, y0: y + 7, anchor: 'end', tx: x - 6, ty: y + 16 },
    ].map((c) => ({ ...c, box: { x0: c.x0, y0: c.y0, x1: c.x0 + w, y1: c.y0 + 11 } }));
    const best = candidates.reduce((a, b) => (overlap(b.box) < overlap(a.box) ? b : a));
    boxes.push(best.box);
    parts.push(`<text x="${f1(best.tx)}" y="${f1(best.ty)}" text-anchor="${best.anchor}" class="label">${esc(p.label)}</text>`);
  });
  return svg(width, height, options.title, parts);
}

export function svg(width: number, height: number, title: string, parts: string[]): string {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${parts.join('')}</svg>`;
}
