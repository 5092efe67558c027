import { describe, expect, it } from 'vitest';
import { seededValues } from '../../tools/testing/onnx-graph';
import { detectNMPattern, nmLabel } from './nm-sparsity';

/** A Conv weight [O, I, kh, kw] keeping `keep(o, i, y, x)` of seeded non-zero values. */
function convWeight(dims: [number, number, number, number], keep: (o: number, i: number, y: number, x: number) => boolean): Float32Array {
  const [O, I, H, W] = dims;
  const values = seededValues(O * I * H * W, 7);
  const out = new Float32Array(values.length);
  for (let o = 0; o < O; o++) for (let i = 0; i < I; i++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const k = ((o * I + i) * H + y) * W + x;
    out[k] = keep(o, i, y, x) ? values[k] : 0;
  }
  return out;
}

describe('N:M pattern detection', () => {
  it('finds 2:4 along the input channels of a conv weight, whichever two of each four are kept', () => {
    // keeps a different pair of every 4 input channels per (o, y, x)
    const w = convWeight([6, 8, 3, 3], (o, i, y, x) => [(o + y + x) % 4, (o + y + x + 1 + (x % 3)) % 4].includes(i % 4));
    const p = detectNMPattern(w, [6, 8, 3, 3], 1, 0);
    expect(p).toEqual({ n: 2, m: 4, along: 'input' });
    expect(nmLabel(p!)).toBe('2:4 along input channels');
  });

  it('finds 1:4 rather than the looser 2:8, and 4:8 as 4:8', () => {
    expect(detectNMPattern(convWeight([4, 8, 1, 1], (o, i) => i % 4 === o % 4), [4, 8, 1, 1], 1, 0)).toEqual({ n: 1, m: 4, along: 'input' });
    // four of every eight, but some groups of four keep three: not 2:4
    expect(detectNMPattern(convWeight([4, 16, 1, 1], (o, i) => [0, 1, 2, 5].includes((i + o) % 8)), [4, 16, 1, 1], 1, 0)).toEqual({ n: 4, m: 8, along: 'input' });
  });

  it('finds a pattern along the output channels of a Gemm weight [in, out] when the inputs have none', () => {
    // Gemm without transB: W is [in=5, out=8]; groups of 4 consecutive outputs keep 2, a different 2 per input.
    const w = Float32Array.from(seededValues(40, 3), (v, k) => (((k % 8) + Math.floor(k / 8)) % 4 < 2 ? v : 0));
    expect(detectNMPattern(w, [5, 8], 0, 1)).toEqual({ n: 2, m: 4, along: 'output' });
  });

  it('reports nothing for dense weights or unstructured zeros, even at high sparsity', () => {
    const dense = Float32Array.from(seededValues(16 * 64, 5));
    expect(detectNMPattern(dense, [16, 64], 1, 0)).toBeNull();
    const random = seededValues(16 * 64, 11);
    const unstructured = Float32Array.from(random, (v) => (Math.abs(v) < 0.45 ? 0 : v)); // ~90 % zeros, at random
    expect(unstructured.filter((v) => v === 0).length / unstructured.length).toBeGreaterThan(0.85);
    expect(detectNMPattern(unstructured, [16, 64], 1, 0)).toBeNull();
    const half = Float32Array.from(random, (v) => (v < 0 ? 0 : v)); // 50 % at random
    expect(detectNMPattern(half, [16, 64], 1, 0)).toBeNull();
  });

  it('needs the grouped axis to divide by M', () => {
    const w = convWeight([2, 6, 1, 1], (o, i) => (o + i) % 2 === 0); // 1:2 along 6 inputs, no 4-groups
    expect(detectNMPattern(w, [2, 6, 1, 1], 1, 0)).toEqual({ n: 1, m: 2, along: 'input' });
  });

  it('does not take channel pruning (whole zeroed filters) for N:M, however evenly the dead channels fall', () => {
    // torch ln_structured(dim=0, amount=0.5) on a [16, 16, 3, 3] conv: 8 whole output filters zero.
    // One 16-group along the outputs holds 8 non-zeros at every (input, y, x): it used to read as 8:16.
    const dead = new Set([0, 2, 3, 6, 9, 10, 12, 15]);
    const filters = convWeight([16, 16, 3, 3], (o) => !dead.has(o));
    expect(detectNMPattern(filters, [16, 16, 3, 3], 1, 0)).toBeNull();
    // Evenly spread over two 16-groups of a 32-filter conv (8 dead in each): not 8:16 either.
    const even = convWeight([32, 16, 3, 3], (o) => o % 4 === 0 || o % 4 === 3);
    expect(detectNMPattern(even, [32, 16, 3, 3], 1, 0)).toBeNull();
    // Whole zeroed input channels of a Gemm [out, in] likewise.
    expect(detectNMPattern(convWeight([6, 8, 1, 1], (_o, i) => i % 2 === 0), [6, 8, 1, 1], 1, 0)).toBeNull();
    // A real 2:4 tensor that also has a dead filter (1 of 24: the 95 % rule still holds) keeps its pattern.
    const nmWithDead = convWeight([24, 8, 3, 3], (o, i, y, x) => o !== 23 && [(o + y + x) % 4, (o + y + x + 1) % 4].includes(i % 4));
    expect(detectNMPattern(nmWithDead, [24, 8, 3, 3], 1, 0)).toEqual({ n: 2, m: 4, along: 'input' });
  });
});
