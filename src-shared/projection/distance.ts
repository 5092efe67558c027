// Squared Euclidean distance between rows of row-major Float32Arrays (the hot loop of kNN).

/** ‖a[i] − b[j]‖² for rows of length `dim`. */
export function sqDist(a: Float32Array, i: number, b: Float32Array, j: number, dim: number): number {
  let p = i * dim;
  let q = j * dim;
  const end = p + dim;
  const end4 = p + (dim & ~3);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  while (p < end4) {
    const d0 = a[p] - b[q];
    const d1 = a[p + 1] - b[q + 1];
    const d2 = a[p + 2] - b[q + 2];
    const d3 = a[p + 3] - b[q + 3];
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
    p += 4;
    q += 4;
  }
  while (p < end) {
    const d = a[p++] - b[q++];
    s0 += d * d;
  }
  return s0 + s1 + s2 + s3;
}

/** Copies rows `rows` of an n×dim array into a new rows.length×dim array. */
export function gatherRows(data: Float32Array, dim: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * dim);
  for (let r = 0; r < rows.length; r++) out.set(data.subarray(rows[r] * dim, rows[r] * dim + dim), r * dim);
  return out;
}
