import { describe, expect, it } from 'vitest';
import { createRng } from '../base/rng';
import { findAbParams } from './ab-params';
import { buildCurveTable, exactAttract, exactRepel, interpolate } from './curve-table';
import { initLayout, stepLayout } from './sgd-layout';
import type { LayoutState } from './layout-state';

const { a, b } = findAbParams(1, 0.1);

// The gradient factors straight from the UMAP paper's curve 1 / (1 + a·d^(2b)).
const attractRef = (d: number) => (-2 * a * b * Math.pow(d, 2 * b - 2)) / (1 + a * Math.pow(d, 2 * b));
const repelRef = (d: number, gamma: number) => (2 * gamma * b) / ((0.001 + d * d) * (1 + a * Math.pow(d, 2 * b)));

describe('curve table', () => {
  it('exact factors match the closed forms; the table interpolates them within 2e-4 over d² ∈ [2^−16, 2^12)', () => {
    const t = buildCurveTable(a, b, 0.7);
    const rng = createRng(3);
    let worst = 0;
    for (let s = 0; s < 20_000; s++) {
      // d² log-uniform over the table's range (and a little beyond it on both sides).
      const d2 = 2 ** (-16.5 + 29 * rng.next());
      const d = Math.sqrt(d2);
      expect(exactAttract(t, d2)).toBeCloseTo(attractRef(d), 9);
      expect(exactRepel(t, d2)).toBeCloseTo(repelRef(d, 0.7), 9);
      const fa = interpolate(t, t.attract, d2), fr = interpolate(t, t.repel, d2);
      const inside = d2 >= 2 ** -16 && d2 < 2 ** 12;
      expect(Number.isNaN(fa) && Number.isNaN(fr)).toBe(!inside);
      if (inside) worst = Math.max(worst, Math.abs(fa / attractRef(d) - 1), Math.abs(fr / repelRef(d, 0.7) - 1));
    }
    expect(worst).toBeLessThan(2e-4);
    expect(worst).toBeGreaterThan(0);
    // At a node the table holds the exact value (to float32).
    expect(interpolate(t, t.repel, 1)).toBeCloseTo(repelRef(1, 0.7), 6);
    expect(interpolate(t, t.attract, 0.25 * (1 + 5 / 64))).toBeCloseTo(attractRef(Math.sqrt(0.25 * (1 + 5 / 64))), 6);
  });
});

/**
 * umap-learn's epoch written plainly: exact factors (checked against the closed forms above), per-component clip at 4, the negatives
 * summed at the head position after the pull (in double precision until stored, as the
 * kernel does), the same edge order, draws and float32 storage.
 */
function referenceEpoch(s: LayoutState, pos: Float32Array, dim: number, epoch: number, rnd: { x: number }, next: Float64Array, nextNeg: Float64Array): void {
  const clip = (v: number) => Math.max(-4, Math.min(4, v));
  const n = pos.length / dim;
  const due: number[] = [];
  for (let e = 0; e < s.edgeHead.length; e++) {
    if (next[e] > epoch) continue;
    next[e] += s.epochsPerSample[e];
    due.push(e);
  }
  // The kernel alternates between the first and the second half of the due edges.
  const half = Math.ceil(due.length / 2);
  const sequence: number[] = [];
  for (let i = 0; i < half; i++) sequence.push(due[i], ...(half + i < due.length ? [due[half + i]] : []));
  for (const e of sequence) {
    const j = s.edgeHead[e], k = s.edgeTail[e];
    const h = Array.from({ length: dim }, (_, c) => pos[j * dim + c]);
    const diff = h.map((v, c) => v - pos[k * dim + c]);
    const dd = diff.reduce((acc, v) => acc + v * v, 0);
    if (dd > 0) {
      for (let c = 0; c < dim; c++) {
        const g = clip(exactAttract(s.table, dd) * diff[c]) * s.alpha;
        h[c] += g;
        pos[k * dim + c] -= g;
      }
    }
    const count = Math.floor((epoch - nextNeg[e]) / s.epochsPerNegative[e]);
    if (count > 0) {
      nextNeg[e] += count * s.epochsPerNegative[e];
      const push = new Float64Array(dim);
      for (let r = 0; r < count; r++) {
        let x = rnd.x;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        rnd.x = x;
        const o = Math.floor((x >>> 0) * (n / 4294967296));
        if (o === j) continue;
        const rep = h.map((v, c) => v - pos[o * dim + c]);
        const dr = rep.reduce((acc, v) => acc + v * v, 0);
        for (let c = 0; c < dim; c++) push[c] += dr > 0 ? clip(exactRepel(s.table, dr) * rep[c]) : 4;
      }
      for (let c = 0; c < dim; c++) h[c] += push[c] * s.alpha;
    }
    for (let c = 0; c < dim; c++) pos[j * dim + c] = h[c];
  }
}

describe('SGD layout kernel', () => {
  it('with the table bypassed, matches a plain exact-formula epoch in 1-D, 2-D and 3-D', () => {
    const n = 300, k = 8;
    const rng = createRng(11);
    const head = new Int32Array(n * k), tail = new Int32Array(n * k), weights = new Float32Array(n * k);
    for (let t = 0; t < n * k; t++) {
      head[t] = Math.floor(t / k);
      tail[t] = (head[t] + 1 + rng.int(n - 1)) % n;
      weights[t] = 0.05 + rng.next();
    }
    for (const dim of [1, 2, 3]) {
      const y = new Float32Array(n * dim);
      for (let t = 0; t < y.length; t++) y[t] = 10 * rng.next() - 5;
      const state = initLayout({ head, tail, weights }, y, y, n, dim, createRng(dim), { nEpochs: 30, curve: { a, b }, repulsionStrength: 0.8 });
      state.table.nodes = 0; // every factor from the exact formula
      const pos = y.slice();
      const rnd = { x: state.random };
      const next = state.epochsPerSample.slice(), nextNeg = state.epochsPerNegative.slice();
      for (let epoch = 0; epoch < 30; epoch++) {
        referenceEpoch(state, pos, dim, epoch, rnd, next, nextNeg);
        stepLayout(state, 1);
      }
      let worst = 0;
      for (let t = 0; t < y.length; t++) worst = Math.max(worst, Math.abs(y[t] - pos[t]));
      expect(worst).toBeLessThan(1e-6);
      expect(rnd.x).toBe(state.random);
      // The padding components stay exactly 0.
      for (let i = 0; i < n; i++) for (let c = dim; c < 3; c++) expect(state.head[i * 3 + c]).toBe(0);
    }
  });

  it('rejects maps wider than 3 components', () => {
    const e = { head: Int32Array.of(0), tail: Int32Array.of(1), weights: Float32Array.of(1) };
    expect(() => initLayout(e, new Float32Array(8), new Float32Array(8), 2, 4, createRng(1), { nEpochs: 5, curve: { a, b } })).toThrow(/components/);
  });
});
