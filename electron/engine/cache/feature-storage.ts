// How a cache shard stores its feature matrix: float16 (default: half the bytes) or float32
// (PRUNELENS_FEATURE_DTYPE=float32). The one encode/decode pair for cached features, and the
// entry key of each storage, so float16 and float32 entries never mix. Logits stay float32, so
// predictions and accuracies do not depend on this choice. float16 is used only within a stated
// tolerance, checked per row on write: every stored row f̃ of a float16 shard is within
// FEATURE_TOLERANCE·‖f‖ of the computed row f (so its length moves by at most that fraction and
// any angle by at most asin of it); a shard where one row is not (subnormal-dominated rows) or a
// value would overflow is stored as float32 instead, and its meta says why.
import { createHash } from 'node:crypto';
import { PruneLensError } from '../../../src-shared/base/errors';
import { halfToFloat } from '../../../src-shared/formats/half';
import type { NpyArray, NpyHeader } from '../../../src-shared/formats/npy';
import { npyHeaderBytes, writeNpy } from '../../../src-shared/formats/npy';
import { HALF_MAX, halfRowsWithinTolerance } from './half-rows';

export { HALF_MAX };

export type FeatureDtype = 'float32' | 'float16';

/**
 * The largest relative change ‖f̃ − f‖ / ‖f‖ float16 storage may make to a feature row. Normal
 * float16 values round by at most 2⁻¹¹ ≈ 4.9 × 10⁻⁴ relative, so only rows dominated by values
 * below 6.1 × 10⁻⁵ (float16 subnormals) can exceed it. Implies: `length` within 10⁻³ relative,
 * every angle θ_c within asin(10⁻³) = 0.0573°; margins, softmax and predictions (logits) unchanged.
 */
export const FEATURE_TOLERANCE = 1e-3;

/** The largest angle change (degrees) FEATURE_TOLERANCE allows: asin(10⁻³) in degrees. */
export const FEATURE_ANGLE_TOLERANCE_DEG = (Math.asin(FEATURE_TOLERANCE) * 180) / Math.PI;

/** The storage PRUNELENS_FEATURE_DTYPE asks for (float16 when unset). */
export function featureDtypeFromEnv(env: NodeJS.ProcessEnv = process.env): FeatureDtype {
  const value = env.PRUNELENS_FEATURE_DTYPE?.trim().toLowerCase();
  if (!value || value === 'float16') return 'float16';
  if (value === 'float32') return 'float32';
  throw new PruneLensError('bad-request', `PRUNELENS_FEATURE_DTYPE must be float16 or float32 (got '${env.PRUNELENS_FEATURE_DTYPE}').`);
}

/** The folder key of an entry under this storage: float32 keeps the plain key, float16 a derived one. */
export function storedEntryKey(key: string, dtype: FeatureDtype): string {
  return dtype === 'float32' ? key : createHash('sha256').update(`${key}:features-${dtype}`).digest('hex').slice(0, 32);
}

export interface EncodedFeatures {
  /** The .npy bytes: '<f2' or '<f4'. */
  bytes: Uint8Array;
  /** What the bytes hold. */
  dtype: FeatureDtype;
  /** Why a shard asked to be float16 is float32 (overflow, or a row beyond FEATURE_TOLERANCE); absent otherwise. */
  fallback?: string;
}

/** Features [count × dim] as .npy bytes: '<f2' under float16 when every row is within the tolerance, else '<f4'. */
export function encodeFeatures(features: Float32Array, shape: [number, number], dtype: FeatureDtype): EncodedFeatures {
  if (dtype === 'float32') return { bytes: writeNpy(features, shape), dtype };
  // The half bits go straight after the header (npy headers are 64-byte multiples, so aligned).
  const header = npyHeaderBytes('f2', shape);
  const bytes = new Uint8Array(header.length + 2 * features.length);
  bytes.set(header, 0);
  const refusal = halfRowsWithinTolerance(features, shape[1], FEATURE_TOLERANCE, new Uint16Array(bytes.buffer, header.length, features.length));
  if (refusal === null) return { bytes, dtype };
  const fallback = 'overflow' in refusal
    ? `row ${refusal.row} has a feature of magnitude ${refusal.overflow}, beyond float16's ±${HALF_MAX}`
    : `row ${refusal.row}: float16 would move it by ${refusal.relativeError.toExponential(2)} of its length (tolerance ${FEATURE_TOLERANCE})`;
  return { bytes: writeNpy(features, shape), dtype: 'float32', fallback };
}

/** Decoded cached features (float32 values), or null when the dtype is not one this cache writes. */
export function decodeFeatures(header: NpyHeader, data: NpyArray | BigInt64Array): Float32Array | null {
  if (header.dtype === 'f4') return data as Float32Array;
  if (header.dtype !== 'f2') return null;
  const half = data as Uint16Array;
  const out = new Float32Array(half.length);
  for (let i = 0; i < half.length; i++) out[i] = halfToFloat(half[i]);
  return out;
}
