// Which clean samples model similarity's CKA uses. Above CKA_MAX_SAMPLES it takes a seeded, fixed
// subsample (the same rows for every model, so the matrices stay comparable) instead of holding
// every model's whole clean features at once: models × N × d float64 copies would be ~410 MB at
// 10 × 10,000 × 512-d and ~8 GB at ImageNet scale. Linear CKA on 5,000 rows differs from the full
// value by a few thousandths on real features (cka-sample.test.ts); the result says how many rows
// it used, and the UI and the report print it.
import { createRng, sampleIndices } from '../base/rng';

export const CKA_MAX_SAMPLES = 5_000;
export const CKA_SAMPLE_SEED = 0;

/** Sorted distinct row indices to use, or null for all `n` rows. Stable for a given n, max and seed. */
export function ckaSampleRows(n: number, max = CKA_MAX_SAMPLES, seed = CKA_SAMPLE_SEED): Int32Array | null {
  return n <= max ? null : sampleIndices(n, max, createRng(seed));
}
