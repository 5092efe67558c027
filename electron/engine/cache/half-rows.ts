// float32 feature rows → float16 bits with the per-row rounding error fused in, for the cache's
// float16 storage (feature-storage.ts). The same bits as floatToHalf (round to nearest even, as
// NumPy's astype(float16)) and the same per-row sums Σ(h − x)², Σx² in the same order, so the same
// accept/fall-back decisions as the per-value reference; ~3× faster (issue #22): zeros and values
// that land on a normal half (|x| in [2⁻¹⁴, 65504]) are converted on the float32 bits, their error
// taken from the dropped mantissa bits; the rest (subnormal halves, NaN, overflow) go the slow way.
import { floatToHalf, halfToFloat } from '../../../src-shared/formats/half';

/** 2^(e − 150) for a float32 biased exponent e: the value of one unit in the last place of a float32 with that exponent. */
const ulp = Float64Array.from({ length: 256 }, (_, e) => 2 ** (e - 150));

/** The largest finite float16: a larger |value| would become ±Inf. */
export const HALF_MAX = 65504;

const SMALLEST_NORMAL_HALF = 0x38800000; // 2⁻¹⁴ as float32 bits
const LARGEST_HALF = 0x477fe000; // HALF_MAX as float32 bits

/** Why a row cannot be stored as float16: a value beyond ±HALF_MAX (±Inf included), or its rounding error over the tolerance. */
export type HalfRowsRefusal = { row: number; overflow: number } | { row: number; relativeError: number };

/**
 * Writes the float16 bits of `values` (rows of `dim`) into `out` (same length), or returns the
 * first row that refuses: |value| > HALF_MAX, or ‖h − x‖ > tolerance · ‖x‖. NaN → quiet NaN half,
 * left out of both sums (as the reference does).
 */
export function halfRowsWithinTolerance(values: Float32Array, dim: number, tolerance: number, out: Uint16Array): HalfRowsRefusal | null {
  if (dim <= 0) return null;
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const limit = tolerance * tolerance;
  for (let row = 0, at = 0; at < values.length; row++) {
    let errorSq = 0;
    let normSq = 0;
    for (const end = at + dim; at < end; at++) {
      const word = bits[at];
      const abs = word & 0x7fffffff;
      const sign = (word >>> 16) & 0x8000;
      if (abs === 0) {
        out[at] = sign; // ±0: adds 0 to both sums
        continue;
      }
      const x = values[at];
      if (abs >= SMALLEST_NORMAL_HALF && abs <= LARGEST_HALF) {
        // Round to nearest even on the 13 dropped mantissa bits; a carry into the exponent is right too.
        const rounded = (abs + 0xfff + ((abs >>> 13) & 1)) & ~0x1fff;
        out[at] = sign | ((rounded >>> 13) - (112 << 10));
        // h − x exactly: the bit patterns are linear in the value within an exponent and across a carry.
        const e = (rounded - abs) * ulp[abs >>> 23];
        errorSq += e * e;
        normSq += x * x;
        continue;
      }
      if (Math.abs(x) > HALF_MAX) return { row, overflow: Math.abs(x) };
      const h = floatToHalf(x);
      out[at] = h;
      if (x !== x) continue;
      const e = halfToFloat(h) - x;
      errorSq += e * e;
      normSq += x * x;
    }
    if (errorSq > limit * normSq) return { row, relativeError: Math.sqrt(errorSq / normSq) };
  }
  return null;
}
