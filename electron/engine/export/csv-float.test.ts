// csvFloat must write exactly what `String(Number(v.toPrecision(7)))` writes (samples.csv stays
// byte-identical): random float32 bit patterns over every exponent, values in the ranges the
// samples table holds, decimal rounding ties and their neighbours, carries to the next power of
// ten, powers of ten and their neighbours, and the special values.
import { describe, expect, it } from 'vitest';
import { csvFloat } from './csv-float';

const reference = (v: number) => (Number.isNaN(v) ? '' : String(Number(v.toPrecision(7))));

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

/** The doubles next to `v` (one ulp down and up) and the float32s next to it. */
function neighbours(v: number): number[] {
  const d = new Float64Array([v]);
  const d64 = new BigInt64Array(d.buffer);
  const out: number[] = [];
  for (const step of [-1n, 1n]) {
    const n = new BigInt64Array([d64[0] + step]);
    out.push(new Float64Array(n.buffer)[0]);
  }
  const f = new Float32Array([v]);
  const f32 = new Int32Array(f.buffer);
  for (const step of [-1, 1]) out.push(new Float32Array(new Int32Array([f32[0] + step]).buffer)[0]);
  return out;
}

function mismatches(values: Iterable<number>): { v: number; got: string; want: string }[] {
  const bad: { v: number; got: string; want: string }[] = [];
  for (const v of values) {
    const got = csvFloat(v);
    const want = reference(v);
    if (got !== want && bad.length < 10) bad.push({ v, got, want });
  }
  return bad;
}

describe('csvFloat', () => {
  it('matches toPrecision(7) on random float32 bit patterns', () => {
    const next = lcg(22);
    const bits = new Uint32Array(200_000).map(() => next());
    expect(mismatches(new Float32Array(bits.buffer))).toEqual([]);
  });

  it('matches on the ranges samples.csv holds (lengths, angles, margins, probabilities, entropies)', () => {
    const next = lcg(7);
    const values = new Float32Array(200_000);
    const scales = [1e-6, 1e-3, 0.01, 1, 10, 180, 1e3, 1e5];
    for (let i = 0; i < values.length; i++) values[i] = (next() / 2 ** 32 - 0.25) * scales[i % scales.length];
    expect(mismatches(values)).toEqual([]);
  });

  it('matches on decimal rounding ties, their neighbours and carries to the next power of ten', () => {
    const next = lcg(3);
    const values: number[] = [];
    for (let p = -13; p <= 8; p++) {
      for (let i = 0; i < 800; i++) {
        const mantissa = 1_000_000 + (next() % 9_000_000);
        const tie = (mantissa + 0.5) * 10 ** p; // half way between two 7-digit decimals
        values.push(tie, Math.fround(tie), ...neighbours(tie), ...neighbours(Math.fround(tie)));
      }
      const carry = 9_999_999.5 * 10 ** p;
      values.push(carry, Math.fround(carry), ...neighbours(carry), ...neighbours(Math.fround(carry)));
    }
    expect(mismatches(values.flatMap((v) => [v, -v]))).toEqual([]);
  });

  it('matches on powers of ten, their neighbours and the special values', () => {
    const values: number[] = [0, -0, NaN, Infinity, -Infinity, 1.4e-45, 3.4028234663852886e38, Number.MAX_VALUE, Number.MIN_VALUE, 1e-6, 1e15, 1e21, 123456789, 0.1, 0.2 + 0.1];
    for (let p = -45; p <= 38; p++) values.push(10 ** p, Math.fround(10 ** p), ...neighbours(10 ** p), ...neighbours(Math.fround(10 ** p)));
    expect(mismatches(values.flatMap((v) => [v, -v]))).toEqual([]);
    expect(csvFloat(NaN)).toBe('');
    expect(csvFloat(-0)).toBe('0');
    expect(csvFloat(Math.fround(0.1))).toBe('0.1');
    expect(csvFloat(12345678)).toBe('12345680');
    expect(csvFloat(1.5e-7)).toBe('1.5e-7');
  });
});
