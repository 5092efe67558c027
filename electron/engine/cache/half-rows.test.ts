// The fused float16 row encoder against the per-value reference it replaced (floatToHalf, and the
// error through halfToFloat): the same bits for every float32 exponent, every rounding case
// (ties to even, carries into the exponent, the normal/subnormal edge, ±0, NaN, ±Inf), and the
// same accept/refuse decision and relative error per row. NumPy's rounding: feature-storage.test.ts.
import { describe, expect, it } from 'vitest';
import { floatToHalf, halfToFloat } from '../../../src-shared/formats/half';
import { HALF_MAX, halfRowsWithinTolerance } from './half-rows';

/** The previous encoder, value by value: bits, then the first refusing row (or null). */
function reference(values: Float32Array, dim: number, tolerance: number): { bits: Uint16Array; refusal: ReturnType<typeof halfRowsWithinTolerance> } {
  const bits = new Uint16Array(values.length);
  for (let row = 0, at = 0; at < values.length; row++) {
    let errorSq = 0;
    let normSq = 0;
    for (const end = at + dim; at < end; at++) {
      const x = values[at];
      if (Math.abs(x) > HALF_MAX) return { bits, refusal: { row, overflow: Math.abs(x) } };
      bits[at] = floatToHalf(x);
      if (x !== x) continue;
      const e = halfToFloat(bits[at]) - x;
      errorSq += e * e;
      normSq += x * x;
    }
    if (errorSq > tolerance * tolerance * normSq) return { bits, refusal: { row, relativeError: Math.sqrt(errorSq / normSq) } };
  }
  return { bits, refusal: null };
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

describe('halfRowsWithinTolerance', () => {
  it('gives floatToHalf’s bits for every float32 exponent and every rounding case', () => {
    const next = lcg(3);
    const words: number[] = [];
    for (let exponent = 0; exponent < 256; exponent++) {
      for (const sign of [0, 0x80000000]) {
        const base = sign | (exponent << 23);
        // Mantissas at the rounding edges of the 13 dropped bits (below, at and above the tie, odd and even kept bits), all ones (carry), and random.
        for (const m of [0, 1, 0xfff, 0x1000, 0x1001, 0x1fff, 0x2000, 0x2fff, 0x3000, 0x3001, 0x7fefff, 0x7ff000, 0x7fffff]) words.push(base | m);
        for (let k = 0; k < 64; k++) words.push(base | (next() & 0x7fffff));
      }
    }
    // Keep the values a half can hold (an overflow refuses the row; tested below), NaN and ±Inf apart.
    const all = new Float32Array(new Uint32Array(words).buffer);
    const values = all.filter((x) => !(Math.abs(x) > HALF_MAX));
    expect(values.length).toBeGreaterThan(20_000);
    const out = new Uint16Array(values.length);
    halfRowsWithinTolerance(values, values.length, Infinity, out);
    expect(Array.from(out)).toEqual(Array.from(values, (x) => floatToHalf(x)));
    // NaN stays a quiet NaN, as in the reference; the largest half and the smallest normal are exact.
    const special = new Float32Array([NaN, -NaN, 65504, -65504, 2 ** -14, -(2 ** -14), 2 ** -24, -0, 0]);
    const bits = new Uint16Array(special.length);
    expect(halfRowsWithinTolerance(special, special.length, Infinity, bits)).toBeNull();
    expect(Array.from(bits)).toEqual(Array.from(special, (x) => floatToHalf(x)));
    expect(Array.from(bits).slice(2)).toEqual([0x7bff, 0xfbff, 0x0400, 0x8400, 0x0001, 0x8000, 0]);
  });

  it('makes the reference’s decision on every row, with the same relative error', () => {
    // Rows of 64 whose scale sweeps from float16's subnormals to its largest values, half of them ReLU-like (zeros).
    const next = lcg(11);
    const rows = 900;
    const dim = 64;
    const values = new Float32Array(rows * dim);
    for (let i = 0; i < values.length; i++) {
      const row = Math.floor(i / dim);
      const scale = 2 ** (-32 + (48 * row) / rows);
      const u = next() / 2 ** 32;
      values[i] = row % 2 && u < 0.5 ? 0 : (u - 0.5) * scale;
    }
    // 1e-3 (the cache's): only subnormal-dominated rows refuse. 0: every row with a rounding error
    // refuses, so each row's relative error (taken from the dropped bits) is compared exactly.
    for (const tolerance of [1e-3, 0]) {
      let accepted = 0;
      let refusedNormal = 0;
      for (let r = 0; r < rows; r++) {
        const row = values.subarray(r * dim, (r + 1) * dim);
        const out = new Uint16Array(dim);
        const ours = halfRowsWithinTolerance(row, dim, tolerance, out);
        const ref = reference(row, dim, tolerance);
        expect(ours, `row ${r}, tolerance ${tolerance}`).toEqual(ref.refusal);
        if (ours === null) {
          accepted++;
          expect(Array.from(out)).toEqual(Array.from(ref.bits));
        } else if (r > rows / 2) refusedNormal++;
      }
      if (tolerance > 0) expect(accepted).toBeGreaterThan(100);
      else expect(refusedNormal).toBeGreaterThan(400);
    }
  });

  it('refuses at the first row over the tolerance or holding an overflow, as the reference does', () => {
    const tiny = new Float32Array([0.5, -0.25, 1e-6, 2e-6, 0, 0]);
    const ours = halfRowsWithinTolerance(tiny, 2, 1e-3, new Uint16Array(6));
    expect(ours).toEqual(reference(tiny, 2, 1e-3).refusal);
    expect(ours).toMatchObject({ row: 1 });
    const big = new Float32Array([1, 2, 3, 65519, 1e-8, 70000]);
    expect(halfRowsWithinTolerance(big, 2, 1e-3, new Uint16Array(6))).toEqual({ row: 1, overflow: 65519 });
    expect(halfRowsWithinTolerance(new Float32Array([1, -Infinity]), 2, 1e-3, new Uint16Array(2))).toEqual({ row: 0, overflow: Infinity });
    // A row refused for its error before a later row's overflow.
    expect(halfRowsWithinTolerance(new Float32Array([1e-8, 0, 70000, 1]), 2, 1e-3, new Uint16Array(4))).toMatchObject({ row: 0, relativeError: expect.any(Number) });
  });

  it('encodes a subarray (a view at an offset) and leaves a zero row zero', () => {
    const backing = new Float32Array([9, 0, -0, 1 / 3, 2]);
    const view = backing.subarray(1, 5);
    const out = new Uint16Array(4);
    expect(halfRowsWithinTolerance(view, 2, 1e-3, out)).toBeNull();
    expect(Array.from(out)).toEqual([0, 0x8000, 0x3555, 0x4000]);
  });
});
