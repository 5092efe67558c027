import { describe, expect, it } from 'vitest';
import { fixtureJson, fixtureNpy } from '../../tools/fixtures/projection/load-fixture';
import { fuzzySimplicialSet, smoothKnnDistances } from './fuzzy-set';
import type { KnnGraph } from './knn-graph';

describe('fuzzy simplicial set (vs umap-learn 0.5.3)', () => {
  const meta = fixtureJson<{ n: number; k: number; sigmas: number[]; rhos: number[] }>('fuzzy.json');
  const knn: KnnGraph = {
    n: meta.n,
    k: meta.k,
    indices: fixtureNpy('fuzzy-knn-indices.npy').data as Int32Array,
    distances: fixtureNpy('fuzzy-knn-distances.npy').data as Float32Array,
  };
  const dense = fixtureNpy('fuzzy-graph.npy').data as Float32Array;

  it('smooth kNN distances: same sigmas and rhos', () => {
    const { sigmas, rhos } = smoothKnnDistances(knn);
    for (let i = 0; i < meta.n; i++) {
      expect(rhos[i]).toBeCloseTo(meta.rhos[i], 5);
      expect(sigmas[i] / meta.sigmas[i]).toBeCloseTo(1, 4);
    }
  });

  it('symmetric graph: same weights, no self loops, each edge once per direction', () => {
    const graph = fuzzySimplicialSet(knn);
    const ours = new Float32Array(meta.n * meta.n);
    for (let e = 0; e < graph.rows.length; e++) {
      expect(graph.rows[e]).not.toBe(graph.cols[e]);
      expect(ours[graph.rows[e] * meta.n + graph.cols[e]]).toBe(0);
      ours[graph.rows[e] * meta.n + graph.cols[e]] = graph.weights[e];
    }
    for (let t = 0; t < dense.length; t++) expect(ours[t]).toBeCloseTo(dense[t], 5);
    for (let i = 0; i < meta.n; i++) {
      for (let e = graph.rowStarts[i]; e < graph.rowStarts[i + 1]; e++) expect(graph.rows[e]).toBe(i);
    }
  });
});
