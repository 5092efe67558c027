import { describe, expect, it } from 'vitest';
import { fixtureJson, fixtureNpy } from '../../tools/fixtures/projection/load-fixture';
import { createRng } from '../base/rng';
import { symmetricEigenRows } from './eigen-sym';
import { fitPca, pca } from './pca';

interface PcaFixture {
  n: number;
  dim: number;
  k: number;
  mean: number[];
  explainedVariance: number[];
  totalVariance: number;
  components: number[];
  projectedFirstRows: number[];
}

describe('symmetricEigenRows', () => {
  it('satisfies A·v = λ·v with orthonormal vectors, eigenvalues descending', () => {
    const n = 40;
    const rng = createRng(3);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rng.normal();
    const { values, vectors } = symmetricEigenRows(a, n);
    for (let t = 1; t < n; t++) expect(values[t]).toBeLessThanOrEqual(values[t - 1]);
    for (let t = 0; t < n; t++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i * n + j] * vectors[t * n + j];
        expect(Math.abs(s - values[t] * vectors[t * n + i])).toBeLessThan(1e-10);
      }
      for (let u = 0; u <= t; u++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += vectors[t * n + i] * vectors[u * n + i];
        expect(Math.abs(dot - (u === t ? 1 : 0))).toBeLessThan(1e-10);
      }
    }
  });
});

describe('pca', () => {
  const fixture = fixtureJson<PcaFixture>('pca.json');
  const z = fixtureNpy('pca-z.npy').data as Float32Array;

  it('matches numpy.linalg.eigh of the covariance: variances, components, projections', () => {
    const { model, projected } = pca(z, fixture.n, fixture.dim, fixture.k);
    expect(model.totalVariance).toBeCloseTo(fixture.totalVariance, 4);
    for (let d = 0; d < fixture.dim; d++) expect(model.mean[d]).toBeCloseTo(fixture.mean[d], 5);
    for (let t = 0; t < fixture.k; t++) {
      expect(model.explainedVariance[t] / fixture.explainedVariance[t]).toBeCloseTo(1, 5);
      for (let d = 0; d < fixture.dim; d++) expect(model.components[t * fixture.dim + d]).toBeCloseTo(fixture.components[t * fixture.dim + d], 5);
    }
    for (let t = 0; t < fixture.projectedFirstRows.length; t++) expect(projected[t]).toBeCloseTo(fixture.projectedFirstRows[t], 3);
  });

  it('estimates the same leading component from a row subsample', () => {
    const full = fitPca(z, fixture.n, fixture.dim, 1);
    const sub = fitPca(z, fixture.n, fixture.dim, 1, { maxSamples: 100, rng: createRng(1) });
    let dot = 0;
    for (let d = 0; d < fixture.dim; d++) dot += full.components[d] * sub.components[d];
    expect(Math.abs(dot)).toBeGreaterThan(0.99);
  });

  it('rejects mismatched sizes', () => {
    expect(() => fitPca(new Float32Array(10), 3, 4, 2)).toThrow(/expected 3×4/);
  });
});
