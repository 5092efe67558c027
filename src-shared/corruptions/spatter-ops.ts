// The few OpenCV operations the reference spatter uses, on single-channel W×H data:
// Canny edges, the 5×5 chamfer distance transform (DIST_L2, mask 5), 3×3 box blur,
// histogram equalisation and a 3×3 filter2D with uint8 saturation. Borders: BORDER_REFLECT_101
// (SciPy 'mirror') where OpenCV uses its default, replicate for Canny's Sobel as OpenCV does.
import { borderIndex, type BorderMode } from './filters';

/** Saturating round to uint8 (OpenCV saturate_cast: round half to even). */
export function saturate8(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 255) return 255;
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function correlate3x3(src: ArrayLike<number>, width: number, height: number, kernel: number[], mode: BorderMode): Float64Array {
  const out = new Float64Array(width * height);
  const xs = new Int32Array(3 * width);
  for (let x = 0; x < width; x++) for (let i = 0; i < 3; i++) xs[3 * x + i] = borderIndex(x + i - 1, width, mode);
  const [k0, k1, k2, k3, k4, k5, k6, k7, k8] = kernel;
  for (let y = 0; y < height; y++) {
    const r0 = borderIndex(y - 1, height, mode) * width;
    const r1 = y * width;
    const r2 = borderIndex(y + 1, height, mode) * width;
    for (let x = 0; x < width; x++) {
      const a = xs[3 * x];
      const b = xs[3 * x + 1];
      const c = xs[3 * x + 2];
      out[r1 + x] =
        k0 * src[r0 + a] + k1 * src[r0 + b] + k2 * src[r0 + c] +
        k3 * src[r1 + a] + k4 * src[r1 + b] + k5 * src[r1 + c] +
        k6 * src[r2 + a] + k7 * src[r2 + b] + k8 * src[r2 + c];
    }
  }
  return out;
}

/** cv2.Canny(src, low, high) with a 3×3 Sobel and the L1 gradient norm: 255 on edges, 0 elsewhere. */
export function canny(src: Uint8Array, width: number, height: number, low: number, high: number): Uint8Array {
  const dx = correlate3x3(src, width, height, [-1, 0, 1, -2, 0, 2, -1, 0, 1], 'nearest');
  const dy = correlate3x3(src, width, height, [-1, -2, -1, 0, 0, 0, 1, 2, 1], 'nearest');
  const n = width * height;
  const mag = new Float64Array(n);
  for (let i = 0; i < n; i++) mag[i] = Math.abs(dx[i]) + Math.abs(dy[i]);
  const magAt = (y: number, x: number) => (y < 0 || y >= height || x < 0 || x >= width ? 0 : mag[y * width + x]);
  const TG22 = Math.tan(Math.PI / 8);
  // 0: not an edge, 1: weak candidate, 2: strong edge.
  const state = new Uint8Array(n);
  const stack: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const m = mag[p];
      if (!(m > low)) continue;
      const ax = Math.abs(dx[p]);
      const ay = Math.abs(dy[p]);
      let isMax: boolean;
      if (ay < ax * TG22) isMax = m > magAt(y, x - 1) && m >= magAt(y, x + 1);
      else if (ay > ax * (TG22 + 2)) isMax = m > magAt(y - 1, x) && m >= magAt(y + 1, x);
      else {
        const s = dx[p] * dy[p] < 0 ? -1 : 1;
        isMax = m > magAt(y - 1, x - s) && m > magAt(y + 1, x + s);
      }
      if (!isMax) continue;
      if (m > high) {
        state[p] = 2;
        stack.push(p);
      } else state[p] = 1;
    }
  }
  // Hysteresis: weak candidates 8-connected to a strong edge become edges.
  while (stack.length > 0) {
    const p = stack.pop() as number;
    const y = Math.floor(p / width);
    const x = p - y * width;
    for (let j = -1; j <= 1; j++) {
      for (let i = -1; i <= 1; i++) {
        const yy = y + j;
        const xx = x + i;
        if (yy < 0 || yy >= height || xx < 0 || xx >= width) continue;
        const q = yy * width + xx;
        if (state[q] === 1) {
          state[q] = 2;
          stack.push(q);
        }
      }
    }
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = state[i] === 2 ? 255 : 0;
  return out;
}

/** cv2.distanceTransform(src, DIST_L2, 5): chamfer distance of each nonzero pixel to the nearest zero. */
export function chamferDistance(src: Uint8Array, width: number, height: number): Float64Array {
  const A = 1;
  const B = 1.4;
  const C = 2.1969;
  const far = 1e9;
  const d = new Float64Array(width * height);
  for (let i = 0; i < d.length; i++) d[i] = src[i] === 0 ? 0 : far;
  // [dy, dx, cost] of the causal half of the 5×5 mask; the backward pass mirrors it.
  const dys = [0, -1, -1, -1, -1, -1, -2, -2];
  const dxs = [-1, 0, -1, 1, -2, 2, -1, 1];
  const costs = [A, A, B, B, C, C, C, C];
  const pass = (sign: number) => {
    for (let k = 0; k < height; k++) {
      const y = sign > 0 ? k : height - 1 - k;
      for (let l = 0; l < width; l++) {
        const x = sign > 0 ? l : width - 1 - l;
        const p = y * width + x;
        let best = d[p];
        if (best === 0) continue;
        for (let m = 0; m < 8; m++) {
          const yy = y + sign * dys[m];
          const xx = x + sign * dxs[m];
          if (yy < 0 || yy >= height || xx < 0 || xx >= width) continue;
          const v = d[yy * width + xx] + costs[m];
          if (v < best) best = v;
        }
        d[p] = best;
      }
    }
  };
  pass(1);
  pass(-1);
  return d;
}

/** cv2.blur(src, (3, 3)) as floats (the caller decides how to round). */
export function boxBlur3(src: ArrayLike<number>, width: number, height: number): Float64Array {
  const out = correlate3x3(src, width, height, [1, 1, 1, 1, 1, 1, 1, 1, 1], 'mirror');
  for (let i = 0; i < out.length; i++) out[i] /= 9;
  return out;
}

/** cv2.equalizeHist on uint8 data. */
export function equalizeHist(src: Uint8Array): Uint8Array {
  const hist = new Int32Array(256);
  for (let i = 0; i < src.length; i++) hist[src[i]]++;
  let first = 0;
  while (first < 255 && hist[first] === 0) first++;
  const out = new Uint8Array(src.length);
  if (hist[first] === src.length) return out.fill(first);
  const scale = 255 / (src.length - hist[first]);
  const lut = new Uint8Array(256);
  let sum = 0;
  for (let i = first + 1; i < 256; i++) {
    sum += hist[i];
    lut[i] = saturate8(sum * scale);
  }
  for (let i = 0; i < src.length; i++) out[i] = lut[src[i]];
  return out;
}

/** cv2.filter2D(src, CV_8U, kernel3x3): correlation, reflect-101 border, saturated to uint8. */
export function filter3x3ToU8(src: Uint8Array, width: number, height: number, kernel: number[]): Uint8Array {
  const sums = correlate3x3(src, width, height, kernel, 'mirror');
  const out = new Uint8Array(sums.length);
  for (let i = 0; i < sums.length; i++) out[i] = saturate8(sums[i]);
  return out;
}

