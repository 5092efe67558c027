// The layout's gradient factors depend on the squared distance d² only, through d^(2b).
// Math.pow dominated the SGD loop (two calls per sample), so both factors are tabulated
// against d = √d² and linearly interpolated; the exact formula is used near 0 (where d^(2b)
// is not smooth enough to interpolate) and beyond the table's range.
//   attraction: −2ab·d^(2b−2) / (1 + a·d^(2b)) = −2ab · Q(d) / d²,  Q = d^(2b) / (1 + a·d^(2b))
//   repulsion:   2γb / ((0.001 + d²)(1 + a·d^(2b))) = 2γb · P(d) / (0.001 + d²)
export interface CurveTable {
  a: number;
  b: number;
  invStep: number;
  /** Table covers d in [minD, maxD); outside, callers use the exact formula. */
  minD: number;
  maxD: number;
  p: Float64Array;
  q: Float64Array;
}

const STEP = 1 / 128;
const MAX_D = 96;

export function buildCurveTable(a: number, b: number): CurveTable {
  const size = Math.ceil(MAX_D / STEP) + 2;
  const p = new Float64Array(size);
  const q = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const pb = Math.pow(i * STEP, 2 * b);
    p[i] = 1 / (1 + a * pb);
    q[i] = pb * p[i];
  }
  return { a, b, invStep: 1 / STEP, minD: 8 * STEP, maxD: MAX_D, p, q };
}

/** Exact P(d) from d². */
export function exactP(table: CurveTable, d2: number): number {
  return 1 / (1 + table.a * Math.pow(d2, table.b));
}

/** Exact Q(d) from d². */
export function exactQ(table: CurveTable, d2: number): number {
  const pb = Math.pow(d2, table.b);
  return pb / (1 + table.a * pb);
}
