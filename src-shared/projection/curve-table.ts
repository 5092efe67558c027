// The layout's two gradient factors depend on the squared distance d² only, through d^(2b).
// Math.pow and a division per sample dominated the SGD loop, so both whole factors are
// tabulated against d² itself as (value, slope) pairs and linearly interpolated, on nodes
// spaced evenly in log2(d²): 64 segments per octave, found from the high word of d²'s float64
// bits (exponent and top 6 mantissa bits give the segment, the next 14 bits the position in
// it). No square root, and the table (28 octaves, 2 × 14 KB) stays in the L1 cache; a table
// evenly spaced in d (before) needed a square root per sample and 256 KB. The exact formula
// is used outside d² ∈ [2^−16, 2^12) (d < 1/256 or ≥ 64).
//   attraction factor: −2ab·d^(2b−2) / (1 + a·d^(2b))          (times the difference vector)
//   repulsion factor:   2γb / ((0.001 + d²)(1 + a·d^(2b)))      (times the difference vector)
// Interpolation error is below 2e-4 relative (tested in sgd-layout.test.ts).
export interface CurveTable {
  a: number;
  b: number;
  gamma: number;
  /** Segment of d²: (hi >>> SEGMENT_SHIFT) − base, hi = the high 32 bits of d² as float64; in the table when in [0, nodes). */
  base: number;
  nodes: number;
  /** Attraction factor at segment i's start in [2i], its step to the next node in [2i + 1]. */
  attract: Float32Array;
  /** Repulsion factor, laid out like `attract`. */
  repel: Float32Array;
}

/** hi >>> SEGMENT_SHIFT: the 11 exponent bits and the top 6 mantissa bits (64 segments an octave). */
export const SEGMENT_SHIFT = 14;
/** The position in a segment: (hi & SEGMENT_MASK) · SEGMENT_FRACTION ∈ [0, 1). */
export const SEGMENT_MASK = 0x3fff;
export const SEGMENT_FRACTION = 1 / 16384;
const MIN_LOG2 = -16;
const MAX_LOG2 = 12;

/** Exact attraction factor from d² > 0. */
export function exactAttract(t: CurveTable, d2: number): number {
  const pb = Math.pow(d2, t.b);
  return (-2 * t.a * t.b * pb) / (d2 * (1 + t.a * pb));
}

/** Exact repulsion factor from d² ≥ 0. */
export function exactRepel(t: CurveTable, d2: number): number {
  return (2 * t.gamma * t.b) / ((0.001 + d2) * (1 + t.a * Math.pow(d2, t.b)));
}

export function buildCurveTable(a: number, b: number, gamma = 1): CurveTable {
  const base = (1023 + MIN_LOG2) << (20 - SEGMENT_SHIFT);
  const nodes = (MAX_LOG2 - MIN_LOG2) << (20 - SEGMENT_SHIFT);
  const table: CurveTable = { a, b, gamma, base, nodes, attract: new Float32Array(0), repel: new Float32Array(0) };
  const perOctave = 1 << (20 - SEGMENT_SHIFT);
  const fa = new Float64Array(nodes + 1), fr = new Float64Array(nodes + 1);
  for (let i = 0; i <= nodes; i++) {
    // Segment i starts at 2^(MIN_LOG2 + ⌊i / 64⌋) · (1 + (i mod 64) / 64).
    const d2 = 2 ** (MIN_LOG2 + Math.floor(i / perOctave)) * (1 + (i % perOctave) / perOctave);
    fa[i] = exactAttract(table, d2);
    fr[i] = exactRepel(table, d2);
  }
  table.attract = interleave(fa);
  table.repel = interleave(fr);
  return table;
}

function interleave(f: Float64Array): Float32Array {
  const out = new Float32Array(2 * (f.length - 1));
  for (let i = 0; i + 1 < f.length; i++) {
    out[2 * i] = f[i];
    out[2 * i + 1] = f[i + 1] - f[i];
  }
  return out;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Which of `words` holds the high half of a float64 (1 on little-endian machines). */
export const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The high 32 bits of d² as float64 (sgd-epoch.ts inlines this with its own scratch arrays). */
export function highWord(d2: number): number {
  bits[0] = d2;
  return words[HIGH_WORD];
}

/** The tabulated factor at d² (`values`: table.attract or table.repel), or NaN outside the table. */
export function interpolate(t: CurveTable, values: Float32Array, d2: number): number {
  const hi = highWord(d2);
  const i = (hi >>> SEGMENT_SHIFT) - t.base;
  if (!(i >= 0 && i < t.nodes)) return NaN;
  return values[2 * i] + (hi & SEGMENT_MASK) * SEGMENT_FRACTION * values[2 * i + 1];
}
