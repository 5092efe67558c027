// IEEE 754 half precision (float16) → float32, for .npy 'f2' data and float16 ONNX weights.
const table = new Float32Array(65536);
let built = false;

function decodeHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // subnormal (and ±0)
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

export function halfToFloat(h: number): number {
  if (!built) {
    for (let i = 0; i < 65536; i++) table[i] = decodeHalf(i);
    built = true;
  }
  return table[h & 0xffff];
}

/** Little-endian float16 bytes → Float32Array (any byte alignment). */
export function halfBytesToFloat32(bytes: Uint8Array, out = new Float32Array(bytes.length >> 1)): Float32Array {
  halfToFloat(0);
  for (let i = 0, j = 0; i < out.length; i++, j += 2) out[i] = table[bytes[j] | (bytes[j + 1] << 8)];
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 → IEEE half bits, rounding to nearest even (as NumPy's astype(float16)); overflow → ±Inf. */
export function floatToHalf(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 112; // rebias 127 → 15
  if (e >= 31) return sign | 0x7c00;
  let shift = 13;
  let half = (e << 10) | (mantissa >>> 13);
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    shift = 14 - e;
    half = mantissa >>> shift;
  }
  const rest = mantissa & ((1 << shift) - 1);
  const mid = 1 << (shift - 1);
  return sign | (half + (rest > mid || (rest === mid && half & 1) ? 1 : 0));
}

/** Float32Array → float16 bits (for feeding a float16 model input). */
export function float32ToHalfArray(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = floatToHalf(values[i]);
  return out;
}
