// A line chart with uncertainty bands as an inline SVG string, for the report's sparsity sweeps:
// one line per series over numeric x, its band as a translucent polygon, optional markers (the
// breaking points) drawn as rings with a label.
import { esc } from './format';
import { svg } from './svg-charts';

const f1 = (x: number) => x.toFixed(1);

export interface LinePoint {
  x: number;
  y: number;
  lo: number;
  hi: number;
  /** Tooltip text (SVG <title>). */
  label: string;
}

export interface LineSeries {
  name: string;
  color: string;
  points: LinePoint[];
  /** Index into `points` to ring (e.g. the breaking point); null for none. */
  marker?: number | null;
}

export interface LineChartOptions {
  title: string;
  width?: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  formatX(x: number): string;
  formatY(y: number): string;
}

function niceTicks(min: number, max: number, count = 5): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Lines over a shared numeric x-axis with bands; NaN points are skipped (the line breaks there). */
export function lineChart(series: LineSeries[], options: LineChartOptions): string {
  const width = options.width ?? 680;
  const height = options.height ?? 300;
  const left = 56;
  const right = 16;
  const top = 24 + 14 * Math.ceil(series.length / 2);
  const bottom = 40;
  const finite = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.y) && Number.isFinite(p.x));
  const xs = finite.map((p) => p.x);
  const ys = finite.flatMap((p) => [p.y, p.lo, p.hi]).filter(Number.isFinite);
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  let [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  const pad = (y1 - y0) * 0.06 || Math.abs(y1) * 0.05 || 0.05;
  y0 -= pad;
  y1 += pad;
  const px = (x: number) => left + ((x - x0) / (x1 - x0 || 1)) * (width - left - right);
  const py = (y: number) => height - bottom - ((y - y0) / (y1 - y0)) * (height - top - bottom);
  const parts: string[] = [];
  for (const t of niceTicks(y0, y1)) {
    parts.push(`<line x1="${left}" y1="${f1(py(t))}" x2="${width - right}" y2="${f1(py(t))}" stroke="#e4e4e4"/><text x="${left - 5}" y="${f1(py(t) + 3.5)}" text-anchor="end" class="tick">${esc(options.formatY(t))}</text>`);
  }
  for (const t of [...new Set(xs)].sort((a, b) => a - b)) {
    parts.push(`<line x1="${f1(px(t))}" y1="${top}" x2="${f1(px(t))}" y2="${height - bottom}" stroke="#f0f0f0"/><text x="${f1(px(t))}" y="${height - bottom + 14}" text-anchor="middle" class="tick">${esc(options.formatX(t))}</text>`);
  }
  parts.push(`<text x="${f1((left + width - right) / 2)}" y="${height - 6}" text-anchor="middle" class="label">${esc(options.xLabel)}</text>`);
  parts.push(`<text transform="translate(12 ${f1((top + height - bottom) / 2)}) rotate(-90)" text-anchor="middle" class="label">${esc(options.yLabel)}</text>`);
  for (const s of series) {
    const pts = s.points.filter((p) => Number.isFinite(p.y) && Number.isFinite(p.x));
    const banded = pts.filter((p) => Number.isFinite(p.lo) && Number.isFinite(p.hi));
    if (banded.length > 1) {
      const ring = [...banded.map((p) => `${f1(px(p.x))},${f1(py(p.hi))}`), ...banded.reverse().map((p) => `${f1(px(p.x))},${f1(py(p.lo))}`)];
      parts.push(`<polygon class="band" points="${ring.join(' ')}" fill="${s.color}" fill-opacity="0.16" stroke="none"/>`);
    }
    if (pts.length > 1) parts.push(`<polyline points="${pts.map((p) => `${f1(px(p.x))},${f1(py(p.y))}`).join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const p of pts) parts.push(`<circle cx="${f1(px(p.x))}" cy="${f1(py(p.y))}" r="3.2" fill="${s.color}"><title>${esc(`${s.name} · ${p.label}`)}</title></circle>`);
    const m = s.marker === null || s.marker === undefined ? null : s.points[s.marker];
    if (m && Number.isFinite(m.y)) parts.push(`<circle class="breaking-point" cx="${f1(px(m.x))}" cy="${f1(py(m.y))}" r="7" fill="none" stroke="${s.color}" stroke-width="2"><title>${esc(`${s.name}: breaking point`)}</title></circle>`);
  }
  series.forEach((s, i) => {
    const lx = left + (i % 2) * Math.floor((width - left) / 2);
    const ly = 6 + 14 * Math.floor(i / 2);
    parts.push(`<rect x="${lx}" y="${ly}" width="10" height="10" fill="${s.color}"/><text x="${lx + 14}" y="${ly + 9}" class="label">${esc(s.name.length > 48 ? `${s.name.slice(0, 47)}…` : s.name)}</text>`);
  });
  return svg(width, height, options.title, parts);
}
