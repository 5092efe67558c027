import { describe, expect, it } from 'vitest';
import { gaussianMixture } from '../../tools/fixtures/projection/datasets';
import { createRng } from '../base/rng';
import { transformUmap } from './transform';
import { initUmap, stepUmap } from './umap';
import type { UmapState } from './umap';

function fitted(data: Float32Array, n: number, dim: number, options = {}): UmapState {
  const state = initUmap(data, n, dim, { nComponents: 3, seed: 1, ...options });
  stepUmap(state, Infinity);
  return state;
}

/** Mean distance from each point to its 15 nearest neighbours in the map (the local scale). */
function localScale(y: Float32Array, n: number): number {
  let total = 0;
  for (let i = 0; i < n; i += 7) {
    const d = Array.from({ length: n }, (_, j) => Math.hypot(y[i * 3] - y[j * 3], y[i * 3 + 1] - y[j * 3 + 1], y[i * 3 + 2] - y[j * 3 + 2])).sort((a, b) => a - b);
    total += d.slice(1, 16).reduce((s, v) => s + v, 0) / 15;
  }
  return total / Math.ceil(n / 7);
}

/** Ids of the k fitted points nearest to position p. */
function nearestFitted(y: Float32Array, n: number, p: Float32Array, k: number): number[] {
  return Array.from({ length: n }, (_, j) => [Math.hypot(p[0] - y[j * 3], p[1] - y[j * 3 + 1], p[2] - y[j * 3 + 2]), j] as const)
    .sort((a, b) => a[0] - b[0])
    .slice(0, k)
    .map(([, j]) => j);
}

describe('transformUmap', () => {
  const n = 800, dim = 20;
  const { data } = gaussianMixture(n, dim, 6, 21);
  const state = fitted(data, n, dim);

  it('re-places training points at (or next to) their fitted positions', () => {
    const rows = [0, 13, 400, 799, 5, 6, 7, 8, 9, 10];
    const points = new Float32Array(rows.length * dim);
    rows.forEach((r, t) => points.set(data.subarray(r * dim, r * dim + dim), t * dim));
    const scale = localScale(state.embedding, n);
    const noSgd = transformUmap(state, points, rows.length, { nEpochs: 0 });
    const withSgd = transformUmap(state, points, rows.length);
    rows.forEach((r, t) => {
      // Without SGD an exact duplicate takes its twin's position, as in umap-learn.
      for (let c = 0; c < 3; c++) expect(noSgd[t * 3 + c]).toBe(state.embedding[r * 3 + c]);
      // SGD then pulls it towards its neighbours' (weighted) centre, as in umap-learn: it stays
      // within a few neighbour spacings, closer to its fitted spot than to 95 % of the map.
      const moved = Math.hypot(...[0, 1, 2].map((c) => withSgd[t * 3 + c] - state.embedding[r * 3 + c]));
      expect(moved).toBeLessThan(3 * scale);
      expect(nearestFitted(state.embedding, n, withSgd.subarray(t * 3, t * 3 + 3), n / 20)).toContain(r);
    });
  });

  it('places noisy copies next to their clean originals far more often than chance', () => {
    const m = 200;
    const rng = createRng(5);
    const rows = Array.from({ length: m }, (_, t) => t * 4);
    const noisy = new Float32Array(m * dim);
    rows.forEach((r, t) => {
      for (let c = 0; c < dim; c++) noisy[t * dim + c] = data[r * dim + c] + 0.35 * rng.normal();
    });
    const placed = transformUmap(state, noisy, m);
    expect(placed.every(Number.isFinite)).toBe(true);
    // Is the clean original among the 15 fitted points nearest to where the copy landed?
    let hits = 0;
    rows.forEach((r, t) => {
      if (nearestFitted(state.embedding, n, placed.subarray(t * 3, t * 3 + 3), 15).includes(r)) hits++;
    });
    const chance = 15 / n;
    expect(hits / m).toBeGreaterThan(10 * chance);
  });

  it('is deterministic and uses graph search (in the PCA-reduced space) for larger maps', () => {
    const big = gaussianMixture(4000, 32, 8, 3);
    const s = fitted(big.data, 4000, 32, { nEpochs: 30, pcaDims: 16 });
    expect(s.spaceDim).toBe(16);
    const queries = gaussianMixture(2500, 32, 8, 3).data.map((v) => v + 0.05);
    const a = transformUmap(s, queries, 2500, { nEpochs: 10 });
    expect(transformUmap(s, queries, 2500, { nEpochs: 10 })).toEqual(a);
  });

  it('rejects rows of the wrong width', () => {
    expect(() => transformUmap(state, new Float32Array(7), 1)).toThrow(/expected 1×20/);
  });
});
