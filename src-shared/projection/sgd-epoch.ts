// One epoch of UMAP's layout SGD (umap-learn's _optimize_layout_euclidean_single_epoch).
// Unrolled kernels for 2-D and 3-D maps, a generic one otherwise; all take the gradient
// factors from the curve table (see curve-table.ts). The 2-D/3-D kernels evaluate an edge's
// negative samples at one head position and apply their sum: the independent chains pipeline
// far better than umap-learn's strictly serial updates, at the same quality.
import { exactP, exactQ } from './curve-table';
import type { CurveTable } from './curve-table';
import type { LayoutState } from './layout-state';

const clip = (v: number) => (v > 4 ? 4 : v < -4 ? -4 : v);

/** Q(d) from d² > 0: attraction is −2ab·Q/d². */
function tableQ(t: CurveTable, dd: number): number {
  const d = Math.sqrt(dd);
  if (d < t.minD || d >= t.maxD) return exactQ(t, dd);
  const u = d * t.invStep;
  const i = u | 0;
  return t.q[i] + (u - i) * (t.q[i + 1] - t.q[i]);
}

/** P(d) from d² > 0: repulsion is 2γb·P/(0.001 + d²). */
function tableP(t: CurveTable, dd: number): number {
  const d = Math.sqrt(dd);
  if (d < t.minD || d >= t.maxD) return exactP(t, dd);
  const u = d * t.invStep;
  const i = u | 0;
  return t.p[i] + (u - i) * (t.p[i + 1] - t.p[i]);
}

/** Negative samples due for edge e this epoch (and books them). */
function negativesDue(s: LayoutState, e: number, n: number): number {
  const count = Math.floor((n - s.nextNegative[e]) / s.epochsPerNegative[e]);
  if (count <= 0) return 0;
  s.nextNegative[e] += count * s.epochsPerNegative[e];
  return count;
}

export function runEpoch(s: LayoutState, n: number): void {
  if (s.dim === 3) epoch3(s, n);
  else if (s.dim === 2) epoch2(s, n);
  else epochAny(s, n);
}

function epoch3(s: LayoutState, n: number): void {
  const { head, tail, edgeHead, edgeTail, epochsPerSample, nextSample, alpha, nTail, table } = s;
  const moveOther = head === tail;
  const attract = -2 * s.a * s.b;
  const repel = 2 * s.gamma * s.b;
  let x = s.random | 0;
  // Maps a uint32 onto [0, nTail) with a multiply (a modulo of a uint32 is a slow float fmod).
  const tailScale = nTail / 4294967296;
  for (let e = 0; e < edgeHead.length; e++) {
    if (nextSample[e] > n) continue;
    const j = edgeHead[e];
    const jb = j * 3, kb = edgeTail[e] * 3;
    let h0 = head[jb], h1 = head[jb + 1], h2 = head[jb + 2];
    const t0 = tail[kb], t1 = tail[kb + 1], t2 = tail[kb + 2];
    const d0 = h0 - t0, d1 = h1 - t1, d2 = h2 - t2;
    const dd = d0 * d0 + d1 * d1 + d2 * d2;
    if (dd > 0) {
      const coeff = (attract * tableQ(table, dd)) / dd;
      const g0 = clip(coeff * d0) * alpha, g1 = clip(coeff * d1) * alpha, g2 = clip(coeff * d2) * alpha;
      h0 += g0;
      h1 += g1;
      h2 += g2;
      if (moveOther) {
        tail[kb] = t0 - g0;
        tail[kb + 1] = t1 - g1;
        tail[kb + 2] = t2 - g2;
      }
    }
    nextSample[e] += epochsPerSample[e];
    // Repulsion from this edge's negative samples, summed at the same head position.
    let r0 = 0, r1 = 0, r2 = 0;
    for (let r = negativesDue(s, e, n); r > 0; r--) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const k = ((x >>> 0) * tailScale) | 0;
      if (moveOther && k === j) continue;
      const ob = k * 3;
      const e0 = h0 - tail[ob], e1 = h1 - tail[ob + 1], e2 = h2 - tail[ob + 2];
      const de = e0 * e0 + e1 * e1 + e2 * e2;
      if (de > 0) {
        const coeff = (repel * tableP(table, de)) / (0.001 + de);
        r0 += clip(coeff * e0);
        r1 += clip(coeff * e1);
        r2 += clip(coeff * e2);
      } else {
        // Coincident distinct points: umap-learn's fixed push separates them.
        r0 += 4;
        r1 += 4;
        r2 += 4;
      }
    }
    h0 += r0 * alpha;
    h1 += r1 * alpha;
    h2 += r2 * alpha;
    head[jb] = h0;
    head[jb + 1] = h1;
    head[jb + 2] = h2;
  }
  s.random = x >>> 0;
}

function epoch2(s: LayoutState, n: number): void {
  const { head, tail, edgeHead, edgeTail, epochsPerSample, nextSample, alpha, nTail, table } = s;
  const moveOther = head === tail;
  const attract = -2 * s.a * s.b;
  const repel = 2 * s.gamma * s.b;
  let x = s.random | 0;
  // Maps a uint32 onto [0, nTail) with a multiply (a modulo of a uint32 is a slow float fmod).
  const tailScale = nTail / 4294967296;
  for (let e = 0; e < edgeHead.length; e++) {
    if (nextSample[e] > n) continue;
    const j = edgeHead[e];
    const jb = j * 2, kb = edgeTail[e] * 2;
    let h0 = head[jb], h1 = head[jb + 1];
    const t0 = tail[kb], t1 = tail[kb + 1];
    const d0 = h0 - t0, d1 = h1 - t1;
    const dd = d0 * d0 + d1 * d1;
    if (dd > 0) {
      const coeff = (attract * tableQ(table, dd)) / dd;
      const g0 = clip(coeff * d0) * alpha, g1 = clip(coeff * d1) * alpha;
      h0 += g0;
      h1 += g1;
      if (moveOther) {
        tail[kb] = t0 - g0;
        tail[kb + 1] = t1 - g1;
      }
    }
    nextSample[e] += epochsPerSample[e];
    let r0 = 0, r1 = 0;
    for (let r = negativesDue(s, e, n); r > 0; r--) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const k = ((x >>> 0) * tailScale) | 0;
      if (moveOther && k === j) continue;
      const ob = k * 2;
      const e0 = h0 - tail[ob], e1 = h1 - tail[ob + 1];
      const de = e0 * e0 + e1 * e1;
      if (de > 0) {
        const coeff = (repel * tableP(table, de)) / (0.001 + de);
        r0 += clip(coeff * e0);
        r1 += clip(coeff * e1);
      } else {
        r0 += 4;
        r1 += 4;
      }
    }
    h0 += r0 * alpha;
    h1 += r1 * alpha;
    head[jb] = h0;
    head[jb + 1] = h1;
  }
  s.random = x >>> 0;
}

function epochAny(s: LayoutState, n: number): void {
  const { head, tail, dim, edgeHead, edgeTail, epochsPerSample, nextSample, alpha, nTail, table } = s;
  const moveOther = head === tail;
  const attract = -2 * s.a * s.b;
  const repel = 2 * s.gamma * s.b;
  let x = s.random | 0;
  // Maps a uint32 onto [0, nTail) with a multiply (a modulo of a uint32 is a slow float fmod).
  const tailScale = nTail / 4294967296;
  for (let e = 0; e < edgeHead.length; e++) {
    if (nextSample[e] > n) continue;
    const j = edgeHead[e];
    const jb = j * dim, kb = edgeTail[e] * dim;
    let dd = 0;
    for (let c = 0; c < dim; c++) dd += (head[jb + c] - tail[kb + c]) ** 2;
    if (dd > 0) {
      const coeff = (attract * tableQ(table, dd)) / dd;
      for (let c = 0; c < dim; c++) {
        const g = clip(coeff * (head[jb + c] - tail[kb + c])) * alpha;
        head[jb + c] += g;
        if (moveOther) tail[kb + c] -= g;
      }
    }
    nextSample[e] += epochsPerSample[e];
    for (let r = negativesDue(s, e, n); r > 0; r--) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const k = ((x >>> 0) * tailScale) | 0;
      if (moveOther && k === j) continue;
      const ob = k * dim;
      let de = 0;
      for (let c = 0; c < dim; c++) de += (head[jb + c] - tail[ob + c]) ** 2;
      const coeff = de > 0 ? (repel * tableP(table, de)) / (0.001 + de) : 0;
      for (let c = 0; c < dim; c++) head[jb + c] += (de > 0 ? clip(coeff * (head[jb + c] - tail[ob + c])) : 4) * alpha;
    }
  }
  s.random = x >>> 0;
}
