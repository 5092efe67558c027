// PNG decoding on bytes: chunk walk (CRC-checked), zlib via bounded fflate inflate, our own
// unfiltering. Non-interlaced; gray, gray+alpha, RGB, RGBA (8/16-bit) and palette (1–8-bit).
import { PruneLensError } from '../base/errors';
import { crc32 } from './crc32';
import { inflateCapped } from './inflate-capped';

export interface DecodedImage {
  width: number;
  height: number;
  /** 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. */
  channels: 1 | 2 | 3 | 4;
  /** Row-major HWC, 8 bits per channel. */
  data: Uint8Array;
}

/** Images larger than this many pixels are refused (decompression-bomb guard). */
export const MAX_IMAGE_PIXELS = 4096 * 4096;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS_BY_COLOR_TYPE: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ALLOWED_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

const bad = (fileLabel: string, message: string, offset: number) => new PruneLensError('bad-data', `${fileLabel}: ${message}`, { file: fileLabel, offset });

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

export function decodePng(bytes: Uint8Array, fileLabel = 'PNG file'): DecodedImage {
  if (!isPng(bytes)) throw bad(fileLabel, 'not a PNG file (bad signature).', 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let ihdr: { width: number; height: number; depth: number; colorType: number } | null = null;
  let palette: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  let ended = false;
  while (!ended) {
    if (offset + 12 > bytes.length) throw bad(fileLabel, 'truncated (no IEND chunk).', offset);
    const length = view.getUint32(offset, false);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (length > bytes.length - offset - 12) throw bad(fileLabel, `chunk '${type}' declares ${length} bytes, past the end of the file.`, offset);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(body, crc32(bytes.subarray(offset + 4, offset + 8))) !== view.getUint32(offset + 8 + length, false)) {
      throw bad(fileLabel, `CRC mismatch in chunk '${type}' (the file is corrupt).`, offset);
    }
    if (!ihdr && type !== 'IHDR') throw bad(fileLabel, 'first chunk is not IHDR.', offset);
    if (type === 'IHDR') ihdr = readHeader(body, fileLabel, offset);
    else if (type === 'PLTE') palette = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  const header = ihdr!;
  const { width, height, depth, colorType } = header;
  if (colorType === 3 && (!palette || palette.length % 3 !== 0 || palette.length === 0)) throw bad(fileLabel, 'palette image without a valid PLTE chunk.', 8);
  const samples = CHANNELS_BY_COLOR_TYPE[colorType];
  const stride = Math.ceil((width * samples * depth) / 8);
  const bpp = Math.max(1, (samples * depth) >> 3);
  const expected = height * (stride + 1);
  const total = idat.reduce((n, c) => n + c.length, 0);
  const joined = new Uint8Array(total);
  idat.reduce((at, c) => (joined.set(c, at), at + c.length), 0);
  const raw = inflateCapped(joined, 'zlib', { maxBytes: expected, fileLabel });
  if (raw.length !== expected) throw bad(fileLabel, `image data is ${raw.length} bytes, expected ${expected} for ${width}×${height}.`, 8);
  const unfiltered = unfilter(raw, height, stride, bpp, fileLabel);
  return expand(unfiltered, header, stride, palette);
}

function readHeader(body: Uint8Array, fileLabel: string, offset: number) {
  if (body.length !== 13) throw bad(fileLabel, 'IHDR chunk must be 13 bytes.', offset);
  const view = new DataView(body.buffer, body.byteOffset, 13);
  const width = view.getUint32(0, false);
  const height = view.getUint32(4, false);
  const [depth, colorType, compression, filter, interlace] = body.subarray(8, 13);
  if (width === 0 || height === 0) throw bad(fileLabel, `image size ${width}×${height} is empty.`, offset + 8);
  if (width * height > MAX_IMAGE_PIXELS) throw bad(fileLabel, `image size ${width}×${height} exceeds the ${MAX_IMAGE_PIXELS}-pixel limit.`, offset + 8);
  if (!ALLOWED_DEPTHS[colorType]?.includes(depth)) throw bad(fileLabel, `unsupported color type ${colorType} with bit depth ${depth}.`, offset + 16);
  if (compression !== 0 || filter !== 0) throw bad(fileLabel, 'unknown compression or filter method.', offset + 18);
  if (interlace !== 0) throw bad(fileLabel, 'interlaced (Adam7) PNGs are not supported; re-save without interlacing.', offset + 20);
  return { width, height, depth, colorType };
}

function unfilter(raw: Uint8Array, height: number, stride: number, bpp: number, fileLabel: string): Uint8Array {
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? out.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? row[x - bpp] : 0;
      const b = prev[x];
      const c = x >= bpp ? prev[x - bpp] : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw bad(fileLabel, `unknown filter type ${filter} on row ${y}.`, 8);
      }
      row[x] = (src[x] + predictor) & 0xff;
    }
  }
  return out;
}

function expand(rows: Uint8Array, h: { width: number; height: number; depth: number; colorType: number }, stride: number, palette: Uint8Array | null): DecodedImage {
  const { width, height, depth, colorType } = h;
  const samples = CHANNELS_BY_COLOR_TYPE[colorType];
  const channels = (colorType === 3 ? 3 : samples) as DecodedImage['channels'];
  const data = new Uint8Array(width * height * channels);
  const maxSample = (1 << Math.min(depth, 8)) - 1;
  for (let y = 0; y < height; y++) {
    const row = rows.subarray(y * stride, (y + 1) * stride);
    for (let x = 0; x < width; x++) {
      for (let s = 0; s < samples; s++) {
        const i = x * samples + s;
        let v: number;
        if (depth === 16) v = row[i * 2]; // keep the high byte
        else if (depth === 8) v = row[i];
        else v = (row[(i * depth) >> 3] >> (8 - depth - ((i * depth) & 7))) & maxSample;
        const at = (y * width + x) * channels;
        if (colorType === 3) {
          const entry = v * 3 + 2 < palette!.length ? v * 3 : 0; // out-of-range index: first entry
          data[at] = palette![entry];
          data[at + 1] = palette![entry + 1];
          data[at + 2] = palette![entry + 2];
        } else {
          data[at + s] = depth < 8 ? Math.round((v * 255) / maxSample) : v;
        }
      }
    }
  }
  return { width, height, channels, data };
}
