// JPEG round trip at a given quality, reproducing what Pillow (libjpeg/libjpeg-turbo defaults)
// does when CIFAR-10-C saves and reloads an image: RGB → YCbCr (fixed point), 4:2:0 chroma
// subsampling (h2v2, alternating rounding bias), islow DCT, IJG quantisation, then islow IDCT,
// "fancy" triangular chroma upsampling and YCbCr → RGB. Huffman coding is lossless, so it is
// skipped: the decoded pixels are those a real encoder + decoder pair would produce. Grey
// images take the single-component (Pillow mode 'L') path. `subsampling: '444'` keeps full
// chroma, as jpeg-js does.
import { fdctIslow, idctIslow, quantTable, quantizeBlock } from './jpeg-dct';

export interface JpegOptions {
  subsampling?: '420' | '444';
}

const SCALE = 65536;
const HALF = 32768;
const fix = (x: number) => Math.trunc(x * SCALE + 0.5);

/** A plane padded to whole blocks by repeating its last column and row (as libjpeg pads). */
interface Plane { data: Int32Array; width: number; height: number; stride: number; rows: number }

function padPlane(values: Int32Array, width: number, height: number, stride: number, rows: number): Plane {
  const data = new Int32Array(stride * rows);
  for (let y = 0; y < rows; y++) {
    const sy = Math.min(y, height - 1);
    for (let x = 0; x < stride; x++) data[y * stride + x] = values[sy * width + Math.min(x, width - 1)];
  }
  return { data, width, height, stride, rows };
}

const block = new Int32Array(64);

/** Quantises every 8×8 block of a padded plane through DCT → quantiser → IDCT, in place. */
function roundTripPlane(plane: Plane, table: Int32Array): void {
  const { data, stride, rows } = plane;
  for (let by = 0; by < rows; by += 8) {
    for (let bx = 0; bx < stride; bx += 8) {
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) block[y * 8 + x] = data[(by + y) * stride + bx + x] - 128;
      fdctIslow(block);
      quantizeBlock(block, table);
      idctIslow(block);
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) data[(by + y) * stride + bx + x] = block[y * 8 + x];
    }
  }
}

const roundUp = (n: number, m: number) => Math.ceil(n / m) * m;

/** h2v2_downsample: 2×2 means with bias 1, 2, 1, 2… along each output row. */
function downsample(full: Plane, width: number, height: number): Plane {
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const stride = roundUp(w, 8);
  // libjpeg pads the full-resolution rows to an even count, the right edge to 2·stride columns.
  const values = new Int32Array(stride * h);
  for (let y = 0; y < h; y++) {
    const r0 = Math.min(2 * y, height - 1) * full.stride;
    const r1 = Math.min(2 * y + 1, height - 1) * full.stride;
    for (let x = 0; x < stride; x++) {
      const c0 = Math.min(2 * x, full.stride - 1);
      const c1 = Math.min(2 * x + 1, full.stride - 1);
      values[y * stride + x] = (full.data[r0 + c0] + full.data[r0 + c1] + full.data[r1 + c0] + full.data[r1 + c1] + (x & 1 ? 2 : 1)) >> 2;
    }
  }
  // The downsampled rows are then padded to whole blocks by repeating the last one.
  return padPlane(values, stride, h, stride, roundUp(h, 8));
}

/** h2v2_fancy_upsample: triangular (3/4, 1/4) interpolation, edges repeated at the real image border. */
function upsample(plane: Plane, width: number, height: number): Int32Array {
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const out = new Int32Array(2 * w * 2 * h);
  const ow = 2 * w;
  const at = (y: number, x: number) => plane.data[y * plane.stride + x];
  for (let y = 0; y < h; y++) {
    for (let v = 0; v < 2; v++) {
      const near = v === 0 ? Math.max(y - 1, 0) : Math.min(y + 1, h - 1);
      const colsum = (x: number) => at(y, x) * 3 + at(near, x);
      const o = (2 * y + v) * ow;
      if (w === 1) {
        const s = colsum(0);
        out[o] = (s * 4 + 8) >> 4;
        out[o + 1] = (s * 4 + 7) >> 4;
        continue;
      }
      let last = colsum(0);
      let self = last;
      let next = colsum(1);
      out[o] = (self * 4 + 8) >> 4;
      out[o + 1] = (self * 3 + next + 7) >> 4;
      for (let x = 1; x < w - 1; x++) {
        last = self;
        self = next;
        next = colsum(x + 1);
        out[o + 2 * x] = (self * 3 + last + 8) >> 4;
        out[o + 2 * x + 1] = (self * 3 + next + 7) >> 4;
      }
      last = self;
      self = next;
      out[o + 2 * (w - 1)] = (self * 3 + last + 8) >> 4;
      out[o + 2 * (w - 1) + 1] = (self * 4 + 7) >> 4;
    }
  }
  return out;
}

const clamp8 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** Compresses and decompresses an H×W×C uint8 image at `quality` (1–100). */
export function jpegRoundTrip(data: Uint8Array, width: number, height: number, channels: 1 | 3, quality: number, options: JpegOptions = {}): Uint8Array {
  const n = width * height;
  if (channels === 1) {
    const plane = padPlane(Int32Array.from(data), width, height, roundUp(width, 8), roundUp(height, 8));
    roundTripPlane(plane, quantTable(quality, false));
    const out = new Uint8Array(n);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = plane.data[y * plane.stride + x];
    return out;
  }
  const sub = (options.subsampling ?? '420') === '420';
  const Y = new Int32Array(n);
  const Cb = new Int32Array(n);
  const Cr = new Int32Array(n);
  const cbcrOffset = 128 * SCALE;
  for (let p = 0; p < n; p++) {
    const r = data[3 * p], g = data[3 * p + 1], b = data[3 * p + 2];
    Y[p] = (fix(0.299) * r + fix(0.587) * g + fix(0.114) * b + HALF) >> 16;
    Cb[p] = (-fix(0.16874) * r - fix(0.33126) * g + fix(0.5) * b + cbcrOffset + HALF - 1) >> 16;
    Cr[p] = (fix(0.5) * r - fix(0.41869) * g - fix(0.08131) * b + cbcrOffset + HALF - 1) >> 16;
  }
  const mcu = sub ? 16 : 8;
  const yPlane = padPlane(Y, width, height, roundUp(width, mcu), roundUp(height, mcu));
  roundTripPlane(yPlane, quantTable(quality, false));
  const chromaTable = quantTable(quality, true);
  const chroma = (values: Int32Array): { data: Int32Array; stride: number } => {
    if (!sub) {
      const plane = padPlane(values, width, height, roundUp(width, 8), roundUp(height, 8));
      roundTripPlane(plane, chromaTable);
      return plane;
    }
    const small = downsample(padPlane(values, width, height, roundUp(width, 16), height), width, height);
    roundTripPlane(small, chromaTable);
    return { data: upsample(small, width, height), stride: 2 * Math.ceil(width / 2) };
  };
  const cb = chroma(Cb);
  const cr = chroma(Cr);
  const out = new Uint8Array(n * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const yy = yPlane.data[y * yPlane.stride + x];
      const u = cb.data[y * cb.stride + x] - 128;
      const v = cr.data[y * cr.stride + x] - 128;
      const p = 3 * (y * width + x);
      out[p] = clamp8(yy + ((fix(1.402) * v + HALF) >> 16));
      out[p + 1] = clamp8(yy + ((-fix(0.34414) * u + HALF - fix(0.71414) * v) >> 16));
      out[p + 2] = clamp8(yy + ((fix(1.772) * u + HALF) >> 16));
    }
  }
  return out;
}
