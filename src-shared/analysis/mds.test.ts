import { describe, expect, it } from 'vitest';
import { firstMismatch, loadAnalysisFixture } from '../../tools/fixtures/analysis/load-fixture';
import { classicalMds } from './mds';
import { minimumSpanningTree } from './mst';

function layoutDistances(coords: Float64Array, m: number, dims: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < dims; k++) s += (coords[i * dims + k] - coords[j * dims + k]) ** 2;
      out[i * m + j] = Math.sqrt(s);
    }
  }
  return out;
}

describe('classicalMds', () => {
  it('recovers a planar configuration exactly (up to rotation)', () => {
    const points = [[0, 0], [3, 0], [0, 4], [1, 1]];
    const m = points.length;
    const d = points.flatMap((p) => points.map((q) => Math.hypot(p[0] - q[0], p[1] - q[1])));
    const layout = classicalMds(d, m);
    expect(firstMismatch(layoutDistances(layout.coords, m, 2), d, 1e-9, 1e-9)).toBe(-1);
    expect(layout.explained).toBeCloseTo(1, 9);
  });

  it('matches NumPy classical MDS on 12 points in 5-D (layout distances and eigenvalues)', () => {
    const { mds } = loadAnalysisFixture().expected;
    const layout = classicalMds(mds.distances, 12);
    expect(firstMismatch(layout.eigenvalues, mds.eigenvalues, 1e-8, 1e-8)).toBe(-1);
    expect(firstMismatch(layoutDistances(layout.coords, 12, 2), mds.layoutDistances, 1e-6, 1e-8)).toBe(-1);
    expect(layout.explained).toBeGreaterThan(0.5);
    expect(layout.explained).toBeLessThan(1);
  });

  it('is deterministic and rejects non-finite distances', () => {
    const { mds } = loadAnalysisFixture().expected;
    expect(Array.from(classicalMds(mds.distances, 12).coords)).toEqual(Array.from(classicalMds(mds.distances, 12).coords));
    expect(() => classicalMds([0, NaN, NaN, 0], 2)).toThrow(/not finite/);
  });
});

describe('minimumSpanningTree', () => {
  it('matches SciPy on the 12-point distance matrix', () => {
    const { mds } = loadAnalysisFixture().expected;
    const edges = minimumSpanningTree(mds.distances, 12);
    expect(edges).toHaveLength(11);
    const set = edges.map((e) => [Math.min(e.a, e.b), Math.max(e.a, e.b)]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    expect(set).toEqual(mds.mstEdges);
    expect(edges.reduce((s, e) => s + e.weight, 0)).toBeCloseTo(mds.mstWeight, 6);
  });

  it('by hand: a path graph', () => {
    const d = [0, 1, 5, 1, 0, 2, 5, 2, 0];
    expect(minimumSpanningTree(d, 3)).toEqual([{ a: 0, b: 1, weight: 1 }, { a: 1, b: 2, weight: 2 }]);
    expect(minimumSpanningTree([0], 1)).toEqual([]);
  });
});
