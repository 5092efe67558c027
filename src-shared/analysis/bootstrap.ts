// Seeded percentile bootstrap over samples: every replicate draws n sample indices with
// replacement from one seeded stream, so the same seed gives the same bands, and a statistic
// computed for several models on the same replicate is paired (same samples for all).
import { createRng } from '../base/rng';
import { quantileSorted } from './stats';

/** `resamples` index vectors of length n, drawn with replacement (xoshiro128** seeded by `seed`). */
export function* bootstrapIndices(n: number, resamples: number, seed: number): Generator<Int32Array> {
  const rng = createRng(seed);
  const idx = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    yield idx;
  }
}

/** The two-sided percentile interval at `confidence` of the replicate values (NaNs ignored; NaN when none). */
export function percentileInterval(values: ArrayLike<number>, confidence = 0.95): { lo: number; hi: number } {
  const finite = Float64Array.from(Array.prototype.filter.call(values, (v: number) => !Number.isNaN(v)) as number[]).sort();
  const tail = (1 - confidence) / 2;
  return { lo: quantileSorted(finite, tail), hi: quantileSorted(finite, 1 - tail) };
}
