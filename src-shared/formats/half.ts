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
