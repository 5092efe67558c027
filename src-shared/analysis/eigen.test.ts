import { describe, expect, it } from 'vitest';
import { firstMismatch, loadAnalysisFixture } from '../../tools/fixtures/analysis/load-fixture';
import { symmetricEigen } from './eigen';

describe('symmetricEigen', () => {
  it('2×2 by hand: [[2, 1], [1, 2]] → 3, 1 with (1, 1)/√2, (1, −1)/√2', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0][0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0][0] * vectors[0][1]).toBeCloseTo(0.5, 12);
    expect(vectors[1][0] * vectors[1][1]).toBeCloseTo(-0.5, 12);
  });

  it('matches numpy.linalg.eigvalsh on a random 20×20 matrix, with orthonormal eigenvectors', () => {
    const { eigen } = loadAnalysisFixture().expected;
    const n = 20;
    const { values, vectors } = symmetricEigen(eigen.matrix, n);
    expect(firstMismatch(values, eigen.values, 1e-8, 1e-8)).toBe(-1);
    for (let a = 0; a < n; a++) {
      // A v = λ v
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let k = 0; k < n; k++) av += eigen.matrix[i * n + k] * vectors[a][k];
        expect(av).toBeCloseTo(values[a] * vectors[a][i], 8);
      }
      for (let b = a; b < n; b++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += vectors[a][k] * vectors[b][k];
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    }
  });

  it('handles diagonal, 1×1 and repeated eigenvalues; rejects asymmetric input', () => {
    expect(Array.from(symmetricEigen([5], 1).values)).toEqual([5]);
    expect(Array.from(symmetricEigen([1, 0, 0, 0, 3, 0, 0, 0, 2], 3).values)).toEqual([3, 2, 1]);
    const ones = symmetricEigen([1, 1, 1, 1, 1, 1, 1, 1, 1], 3);
    expect(ones.values[0]).toBeCloseTo(3, 12);
    expect(ones.values[1]).toBeCloseTo(0, 12);
    expect(() => symmetricEigen([1, 2, 3, 4], 2)).toThrow(/not symmetric/);
  });
});
