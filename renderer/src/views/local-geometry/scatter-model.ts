// Local geometry as data: the samples of one class, their (angle to true class, length) under
// model A and model B (or clean and corrupted), screen mapping, hit testing and box selection.
import type { SampleMetrics } from '../../../../src-shared/api/result-types';
import { finiteRange } from '../../state/metrics';

export interface ScatterData {
  /** Sample indices of the class. */
  indices: Int32Array;
  ax: Float32Array;
  ay: Float32Array;
  bx: Float32Array;
  by: Float32Array;
  xRange: [number, number];
  yRange: [number, number];
}

export function buildScatter(a: SampleMetrics, b: SampleMetrics, classIndex: number): ScatterData {
  const picked: number[] = [];
  for (let i = 0; i < b.count; i++) if (b.labels[i] === classIndex) picked.push(i);
  const indices = Int32Array.from(picked);
  const take = (values: Float32Array) => Float32Array.from(picked, (i) => values[i]);
  const ax = take(a.angleGt);
  const ay = take(a.length);
  const bx = take(b.angleGt);
  const by = take(b.length);
  const xRange = pad(union(finiteRange(ax), finiteRange(bx)));
  const yRange = pad(union(finiteRange(ay), finiteRange(by)));
  return { indices, ax, ay, bx, by, xRange, yRange };
}

const union = (p: [number, number], q: [number, number]): [number, number] => [Math.min(p[0], q[0]), Math.max(p[1], q[1])];
const pad = ([lo, hi]: [number, number]): [number, number] => [lo - (hi - lo) * 0.03, hi + (hi - lo) * 0.03];

export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function toScreen(frame: Frame, xRange: [number, number], yRange: [number, number]) {
  return {
    x: (v: number) => frame.left + ((v - xRange[0]) / (xRange[1] - xRange[0])) * frame.width,
    y: (v: number) => frame.top + frame.height - ((v - yRange[0]) / (yRange[1] - yRange[0])) * frame.height,
    invX: (px: number) => xRange[0] + ((px - frame.left) / frame.width) * (xRange[1] - xRange[0]),
    invY: (py: number) => yRange[0] + ((frame.top + frame.height - py) / frame.height) * (yRange[1] - yRange[0]),
  };
}

/** Position (into `data.indices`) of the B point nearest to (x, y) in data units scaled to pixels, within `radius` px. */
export function nearestPoint(data: ScatterData, frame: Frame, px: number, py: number, radius: number): number | null {
  const s = toScreen(frame, data.xRange, data.yRange);
  let best: number | null = null;
  let bestD = radius * radius;
  for (let k = 0; k < data.indices.length; k++) {
    const dx = s.x(data.bx[k]) - px;
    const dy = s.y(data.by[k]) - py;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

/** Sample indices whose B point lies in the data-space box. */
export function pointsInBox(data: ScatterData, x0: number, x1: number, y0: number, y1: number): number[] {
  const [xl, xh] = x0 < x1 ? [x0, x1] : [x1, x0];
  const [yl, yh] = y0 < y1 ? [y0, y1] : [y1, y0];
  const out: number[] = [];
  for (let k = 0; k < data.indices.length; k++) {
    if (data.bx[k] >= xl && data.bx[k] <= xh && data.by[k] >= yl && data.by[k] <= yh) out.push(data.indices[k]);
  }
  return out;
}
