import { describe, expect, it } from 'vitest';
import { createRng } from '../base/rng';
import { procrustes } from './procrustes';
import { svd } from './small-svd';

function randomRotation(dim: number, seed: number): Float64Array {
  // Gram–Schmidt on a random matrix, then fix the sign of the determinant via the last row.
  const rng = createRng(seed);
  const q = new Float64Array(dim * dim);
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) q[r * dim + c] = rng.normal();
    for (let p = 0; p < r; p++) {
      let dot = 0;
      for (let c = 0; c < dim; c++) dot += q[r * dim + c] * q[p * dim + c];
      for (let c = 0; c < dim; c++) q[r * dim + c] -= dot * q[p * dim + c];
    }
    const norm = Math.hypot(...q.subarray(r * dim, r * dim + dim));
    for (let c = 0; c < dim; c++) q[r * dim + c] /= norm;
  }
  return q;
}

function transform(points: Float32Array, n: number, dim: number, rot: Float64Array, scale: number, shift: number[]): Float32Array {
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < dim; b++) {
      let s = 0;
      for (let a = 0; a < dim; a++) s += points[i * dim + a] * rot[a * dim + b];
      out[i * dim + b] = scale * s + shift[b];
    }
  }
  return out;
}

describe('small SVD', () => {
  it('reconstructs A = U·S·Vᵀ with orthonormal U, V (including a rank-deficient A)', () => {
    const rng = createRng(4);
    for (const a of [Float64Array.from({ length: 9 }, () => rng.normal()), Float64Array.of(1, 2, 3, 2, 4, 6, 1, 1, 1), Float64Array.of(0, 0, 0, 0)]) {
      const p = Math.round(Math.sqrt(a.length));
      const { u, s, v } = svd(a, p, p);
      for (let r = 0; r < p; r++) {
        for (let c = 0; c < p; c++) {
          let sum = 0;
          for (let t = 0; t < p; t++) sum += u[r * p + t] * s[t] * v[c * p + t];
          expect(sum).toBeCloseTo(a[r * p + c], 10);
          let uu = 0, vv = 0;
          for (let t = 0; t < p; t++) {
            uu += u[t * p + r] * u[t * p + c];
            vv += v[t * p + r] * v[t * p + c];
          }
          expect(uu).toBeCloseTo(r === c ? 1 : 0, 10);
          expect(vv).toBeCloseTo(r === c ? 1 : 0, 10);
        }
      }
      for (let t = 1; t < p; t++) expect(s[t]).toBeLessThanOrEqual(s[t - 1]);
    }
  });
});

describe('procrustes', () => {
  for (const dim of [2, 3]) {
    it(`recovers a known rotation, scale and translation exactly (${dim}-D)`, () => {
      const n = 200;
      const rng = createRng(dim);
      const reference = Float32Array.from({ length: n * dim }, () => rng.normal() * 5);
      const rot = randomRotation(dim, 10 + dim);
      const moving = transform(reference, n, dim, rot, 0.37, [4, -2, 9].slice(0, dim));
      const fit = procrustes(reference, moving, n, dim);
      expect(fit.residualBefore).toBeGreaterThan(0.5);
      expect(fit.residual).toBeLessThan(1e-5);
      expect(fit.scale).toBeCloseTo(1 / 0.37, 4);
      for (let t = 0; t < reference.length; t++) expect(fit.aligned[t]).toBeCloseTo(reference[t], 3);
    });
  }

  it('undoes a mirror image only when reflections are allowed', () => {
    const n = 100;
    const rng = createRng(8);
    const reference = Float32Array.from({ length: n * 2 }, () => rng.normal());
    const mirrored = reference.map((v, t) => (t % 2 === 0 ? -v : v));
    expect(procrustes(reference, mirrored, n, 2).residual).toBeLessThan(1e-6);
    const rotationOnly = procrustes(reference, mirrored, n, 2, { allowReflection: false });
    expect(rotationOnly.residual).toBeGreaterThan(0.1);
    const r = rotationOnly.rotation;
    expect(r[0] * r[3] - r[1] * r[2]).toBeCloseTo(1, 10);
  });
});
