// How a cache shard stores its feature matrix: float32 (default) or float16 (half the bytes;
// PRUNELENS_FEATURE_DTYPE=float16). The one encode/decode pair for cached features, and the
// entry key of each storage, so float16 and float32 entries never mix. Logits stay float32, so
// predictions and accuracies do not depend on this choice.
import { createHash } from 'node:crypto';
import { PruneLensError } from '../../../src-shared/base/errors';
import { floatToHalf, halfToFloat } from '../../../src-shared/formats/half';
import type { NpyArray, NpyHeader } from '../../../src-shared/formats/npy';
import { npyHeaderBytes, writeNpy } from '../../../src-shared/formats/npy';

export type FeatureDtype = 'float32' | 'float16';

/** The largest finite float16: a shard with a larger |feature| is stored as float32 instead of as ±Inf. */
export const HALF_MAX = 65504;

/** The storage PRUNELENS_FEATURE_DTYPE asks for (float32 when unset). */
export function featureDtypeFromEnv(env: NodeJS.ProcessEnv = process.env): FeatureDtype {
  const value = env.PRUNELENS_FEATURE_DTYPE?.trim().toLowerCase();
  if (!value || value === 'float32') return 'float32';
  if (value === 'float16') return 'float16';
  throw new PruneLensError('bad-request', `PRUNELENS_FEATURE_DTYPE must be float32 or float16 (got '${env.PRUNELENS_FEATURE_DTYPE}').`);
}

/** The folder key of an entry under this storage: float32 keeps the plain key (existing caches stay valid). */
export function storedEntryKey(key: string, dtype: FeatureDtype): string {
  return dtype === 'float32' ? key : createHash('sha256').update(`${key}:features-${dtype}`).digest('hex').slice(0, 32);
}

/** Features [count × dim] as .npy bytes: '<f2' under float16 unless a value would overflow it, else '<f4'. */
export function encodeFeatures(features: Float32Array, shape: [number, number], dtype: FeatureDtype): Uint8Array {
  if (dtype === 'float32' || !fitsHalf(features)) return writeNpy(features, shape);
  const header = npyHeaderBytes('f2', shape);
  const out = new Uint8Array(header.length + features.length * 2);
  out.set(header, 0);
  const view = new DataView(out.buffer, header.length);
  for (let i = 0; i < features.length; i++) view.setUint16(i * 2, floatToHalf(features[i]), true);
  return out;
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

function fitsHalf(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]) > HALF_MAX) return false;
  return true;
}
