import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureFeatures, isClose, loadAnalysisFixture } from '../../tools/fixtures/analysis/load-fixture';
import { createRng } from '../base/rng';
import { ckaMatrix, linearCka } from './cka';

/** A random d×d orthogonal matrix (Gram–Schmidt of a Gaussian matrix). */
function randomOrthogonal(d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const q = Float64Array.from({ length: d * d }, () => rng.normal());
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += q[i * d + k] * q[j * d + k];
      for (let k = 0; k < d; k++) q[i * d + k] -= dot * q[j * d + k];
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += q[i * d + k] ** 2;
    for (let k = 0; k < d; k++) q[i * d + k] /= Math.sqrt(norm);
  }
  return q;
}

function transform(x: Float32Array, n: number, d: number, q: Float64Array, scale: number): Float32Array {
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += x[i * d + k] * q[k * d + j];
    out[i * d + j] = s * scale;
  }
  return out;
}

describe('linearCka', () => {
  const fx = loadAnalysisFixture();
  const { N, D } = fx.expected.meta;
  it('matches NumPy between the fixture models, and across different feature dims', () => {
    const features = [0, 1, 2].map((m) => ({ data: fixtureFeatures(fx, m), dim: D }));
    const matrix = ckaMatrix(features, N);
    matrix.forEach((v, i) => expect([i, isClose(v, fx.expected.similarity.cka[i])]).toEqual([i, true]));
    const narrow = new Float32Array(N * 40);
    for (let i = 0; i < N; i++) narrow.set(features[1].data.subarray(i * D, i * D + 40), i * 40);
    expect(isClose(linearCka(features[0], { data: narrow, dim: 40 }, N), fx.expected.similarity.ckaMixedDims)).toBe(true);
    expect(isClose(linearCka(features[0], features[2], N), fx.expected.similarity.cka[2])).toBe(true);
  });

  it('CKA(X, X) = 1; invariant to orthogonal transforms and isotropic scaling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.integer(), fc.double({ min: 0.01, max: 100, noNaN: true }), (n, d, seed, scale) => {
        const rng = createRng(seed);
        const x = Float32Array.from({ length: n * d }, () => rng.normal() * 3 + 1);
        const y = Float32Array.from({ length: n * 3 }, () => rng.normal());
        const X = { data: x, dim: d };
        expect(linearCka(X, X, n)).toBeCloseTo(1, 9);
        const rotated = { data: transform(x, n, d, randomOrthogonal(d, seed ^ 7), scale), dim: d };
        expect(linearCka(rotated, X, n)).toBeCloseTo(1, 4);
        const Y = { data: y, dim: 3 };
        expect(linearCka(rotated, Y, n)).toBeCloseTo(linearCka(X, Y, n), 4);
        const v = linearCka(X, Y, n);
        expect(v).toBeGreaterThanOrEqual(-1e-12);
        expect(v).toBeLessThanOrEqual(1 + 1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it('is cancellable', () => {
    const controller = new AbortController();
    controller.abort();
    const X = { data: fixtureFeatures(fx, 0), dim: D };
    expect(() => ckaMatrix([X, X], N, controller.signal)).toThrow(/Cancelled/);
  });

  it('is NaN for constant features and rejects shape mismatches', () => {
    const constant = { data: new Float32Array(10).fill(2), dim: 2 };
    const other = { data: Float32Array.from({ length: 10 }, (_, i) => i * i), dim: 2 };
    expect(linearCka(constant, other, 5)).toBeNaN();
    expect(() => linearCka(other, { data: new Float32Array(9), dim: 2 }, 5)).toThrow(/expected 10/);
  });
});
