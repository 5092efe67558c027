// The WebAssembly SIMD dot kernel against the scalar one (dot-kernel.ts): bit-identical sums for any
// shape (odd C and d, partial row groups and blocks), non-finite and −0 inputs, heads switched and
// memory grown between calls; and the once-per-thread selection with its fallback.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng } from '../base/rng';
import { rowDots, rowNormSq } from './dot-kernel';
import { geometryDotsWasmHex } from './geometry-dots-bytes';
import { wasmRowDots } from './wasm-dots';
import { decodeHex, forceGeometryKernel, geometryKernel } from './wasm-runtime';

afterEach(() => forceGeometryKernel(null));

/** Rows of F through the SIMD kernel, block by block, compared bit for bit (Object.is) with the scalar kernel. */
function mismatches(W: Float32Array, C: number, d: number, F: Float32Array, n: number): string[] {
  const simd = wasmRowDots(W, C, d);
  if (!simd) return ['no SIMD kernel'];
  const bad: string[] = [];
  const want = new Float64Array(C);
  for (let start = 0; start < n; start += simd.blockRows) {
    const count = Math.min(simd.blockRows, n - start);
    simd.run(F, start, count);
    for (let r = 0; r < count; r++) {
      const row = (start + r) * d;
      rowDots(W, C, d, F, row, want);
      for (let c = 0; c < C; c++) if (!Object.is(simd.dots[r * simd.cPad + c], want[c])) bad.push(`row ${start + r} class ${c}: ${simd.dots[r * simd.cPad + c]} ≠ ${want[c]}`);
      const normSq = rowNormSq(F, d, row);
      if (!Object.is(simd.norms[r], normSq)) bad.push(`row ${start + r} ‖f‖²: ${simd.norms[r]} ≠ ${normSq}`);
    }
  }
  return bad;
}

function randomArrays(seed: number, C: number, d: number, n: number) {
  const rng = createRng(seed);
  const W = Float32Array.from({ length: C * d }, () => rng.normal() * 10 ** rng.int(4));
  const F = Float32Array.from({ length: n * d }, () => (rng.next() < 0.2 ? 0 : rng.normal() * 10 ** (rng.int(6) - 3)));
  return { W, F };
}

describe('WebAssembly SIMD dot kernel', () => {
  it('is the kernel Node selects, from bytes that validate', () => {
    expect(WebAssembly.validate(decodeHex(geometryDotsWasmHex))).toBe(true);
    expect(geometryKernel()).toBe('wasm');
  });

  it('gives the scalar kernel’s sums bit for bit, for any C, d and row count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 19 }), fc.integer({ min: 1, max: 11 }), fc.integer(), (C, d, n, seed) => {
        const { W, F } = randomArrays(seed, C, d, n);
        expect(mismatches(W, C, d, F, n)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps NaN, ±Inf, −0 and zero rows exactly as the scalar kernel does, across block boundaries', () => {
    const C = 7;
    const d = 33;
    const { W } = randomArrays(5, C, d, 0);
    const n = 2 * wasmRowDots(W, C, d)!.blockRows + 3; // two full blocks and a partial group of 4
    const { F: rows } = randomArrays(6, C, d, n);
    rows.fill(0, 0, d); // zero row
    rows.fill(-0, d, 2 * d); // −0 row: the sums stay +0
    rows[2 * d + 4] = NaN;
    rows[3 * d + 32] = Infinity; // the odd last feature (padded pair)
    rows[4 * d] = -Infinity;
    rows[5 * d + 1] = Infinity;
    rows[5 * d + 2] = -Infinity; // Inf − Inf: NaN
    rows[(n - 1) * d + 7] = 3.4e38; // overflow to Infinity in ‖f‖²
    W[3 * d + 5] = Infinity; // class 3 × a zero feature: NaN
    W.fill(-0, 6 * d, 7 * d); // a −0 class direction (the odd last class); W changed in place is reloaded
    expect(mismatches(W, C, d, rows, n)).toEqual([]);
    const simd = wasmRowDots(W, C, d)!;
    simd.run(rows, 0, 2);
    expect(Object.is(simd.dots[6], 0) && Object.is(simd.dots[simd.cPad + 6], 0)).toBe(true);
  });

  it('switches heads and grows its memory between calls (ImageNet-sized head after a small one)', () => {
    const small = randomArrays(7, 10, 128, 9);
    const large = randomArrays(8, 1000, 2048, 6);
    expect(mismatches(small.W, 10, 128, small.F, 9)).toEqual([]);
    expect(mismatches(large.W, 1000, 2048, large.F, 6)).toEqual([]);
    expect(mismatches(small.W, 10, 128, small.F, 9)).toEqual([]);
    // The same weights read with another shape are another head.
    expect(mismatches(small.W, 20, 64, small.F, 18)).toEqual([]);
  });

  it('gives way to the scalar kernel when forced to, and for heads beyond its memory budget', () => {
    const { W } = randomArrays(9, 4, 8, 0);
    forceGeometryKernel('js');
    expect(geometryKernel()).toBe('js');
    expect(wasmRowDots(W, 4, 8)).toBeNull();
    forceGeometryKernel(null);
    expect(wasmRowDots(W, 4, 8)).not.toBeNull();
    // 8,192 classes × 8,192-d of f64 weights is 512 MiB: past the budget, refused before allocating.
    expect(wasmRowDots(new Float32Array(0), 8192, 8192)).toBeNull();
  });

  it('falls back to the scalar kernel where WebAssembly is missing', async () => {
    vi.resetModules();
    vi.stubGlobal('WebAssembly', undefined);
    try {
      const runtime = await import('./wasm-runtime');
      const dots = await import('./wasm-dots');
      const radix = await import('./wasm-radix');
      const { RadixSorter } = await import('./radix-order');
      expect(runtime.geometryKernel()).toBe('js');
      expect(dots.wasmRowDots(new Float32Array(8), 2, 4)).toBeNull();
      expect(radix.valueSorter()).toBeInstanceOf(RadixSorter);
      expect(() => runtime.forceGeometryKernel('wasm')).toThrow(/not available/);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
