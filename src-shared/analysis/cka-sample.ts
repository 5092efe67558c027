// Which clean samples model similarity's CKA uses. Above CKA_MAX_SAMPLES it takes a seeded, fixed
// subsample (the same rows for every model, so the matrices stay comparable) instead of holding
// every model's whole clean features at once: models × N × d float64 copies would be ~410 MB at
// 10 × 10,000 × 512-d and ~8 GB at ImageNet scale. Linear CKA on 5,000 rows differs from the full
// value by a few thousandths on real features (cka-sample.test.ts); the result says how many rows
// it used, and the UI and the report print it.
import { createRng } from '../base/rng';

export const CKA_MAX_SAMPLES = 5_000;
export const CKA_SAMPLE_SEED = 0;

/** Sorted distinct row indices to use, or null for all `n` rows. Stable for a given n, max and seed. */
export function ckaSampleRows(n: number, max = CKA_MAX_SAMPLES, seed = CKA_SAMPLE_SEED): Uint32Array | null {
  if (n <= max) return null;
  // Partial Fisher–Yates over 0..n-1: the first `max` slots are a uniform sample without replacement.
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = createRng(seed);
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(n - i);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order.slice(0, max).sort();
}

/** The chosen rows of a row-major n × dim matrix, as a new compact matrix. */
export function gatherRows(data: Float32Array, dim: number, rows: Uint32Array): Float32Array {
  const out = new Float32Array(rows.length * dim);
  for (let k = 0; k < rows.length; k++) out.set(data.subarray(rows[k] * dim, rows[k] * dim + dim), k * dim);
  return out;
}
