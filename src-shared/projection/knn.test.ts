import { describe, expect, it } from 'vitest';
import { gaussianMixture } from '../../tools/fixtures/projection/datasets';
import { createRng } from '../base/rng';
import { exactKnn, exactKnnQuery } from './knn-graph';
import type { KnnGraph } from './knn-graph';
import { buildSearchIndex, searchKnn } from './knn-search';
import { initNnDescent, nnDescentResult, stepNnDescent } from './nn-descent';

const recall = (truth: KnnGraph, approx: KnnGraph) => {
  let hits = 0;
  for (let i = 0; i < truth.n; i++) {
    const set = new Set(truth.indices.subarray(i * truth.k, (i + 1) * truth.k));
    for (let t = i * truth.k; t < (i + 1) * truth.k; t++) if (set.has(approx.indices[t])) hits++;
  }
  return hits / (truth.n * truth.k);
};

describe('exact kNN', () => {
  it('agrees with a naive sort of all distances, self first', () => {
    const { data } = gaussianMixture(200, 6, 3, 1);
    const g = exactKnn(data, 200, 6, 7);
    for (const i of [0, 17, 199]) {
      const d = Array.from({ length: 200 }, (_, j) => {
        let s = 0;
        for (let c = 0; c < 6; c++) s += (data[i * 6 + c] - data[j * 6 + c]) ** 2;
        return [Math.sqrt(s), j] as const;
      }).sort((a, b) => a[0] - b[0]);
      expect(g.indices[i * 7]).toBe(i);
      for (let t = 0; t < 7; t++) {
        expect(g.indices[i * 7 + t]).toBe(d[t][1]);
        expect(g.distances[i * 7 + t]).toBeCloseTo(d[t][0], 4);
      }
    }
  });
});

describe('NN-descent', () => {
  const n = 3000, dim = 24;
  const { data } = gaussianMixture(n, dim, 12, 5);
  const truth = exactKnn(data, n, dim, 15);

  it('finds ≥ 97 % of the exact 15-NN, sorted, self first, deterministically', () => {
    const run = () => {
      const state = initNnDescent(data, n, dim, 15, createRng(9));
      while (!stepNnDescent(state));
      return nnDescentResult(state);
    };
    const g = run();
    expect(recall(truth, g)).toBeGreaterThan(0.97);
    let bad = 0;
    for (let i = 0; i < n; i++) {
      if (g.indices[i * 15] !== i) bad++;
      for (let t = i * 15 + 1; t < (i + 1) * 15; t++) if (g.distances[t] < g.distances[t - 1]) bad++;
    }
    expect(bad).toBe(0);
    expect(run().indices).toEqual(g.indices);
  });

  it('graph search answers new queries nearly as well as brute force', () => {
    const state = initNnDescent(data, n, dim, 15, createRng(2));
    while (!stepNnDescent(state));
    const index = buildSearchIndex(data, n, dim, nnDescentResult(state), createRng(3));
    const queries = gaussianMixture(300, dim, 12, 5).data.map((v, t) => v + 0.3 * Math.sin(t));
    const approx = searchKnn(index, queries, 300, 10);
    const exact = exactKnnQuery(data, n, queries, 300, dim, 10);
    expect(recall(exact, approx)).toBeGreaterThan(0.95);
  });
});
