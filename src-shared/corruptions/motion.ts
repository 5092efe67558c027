// ImageMagick's MotionBlurImage (what Hendrycks calls through Wand): a one-sided 1-D Gaussian
// of width 2·ceil(radius)+1 taps, weights exp(−i²/2σ²) for i = 0…width−1 (normalised), laid
// along `angle` with offsets rounded as ImageMagick rounds them, edge pixels repeated outside.

export interface MotionKernel {
  weights: Float64Array;
  dx: Int32Array;
  dy: Int32Array;
}

export function motionKernel(radius: number, sigma: number, angleDegrees: number): MotionKernel {
  const width = radius > 1e-12 ? 2 * Math.ceil(radius) + 1 : 3; // GetOptimalKernelWidth1D for radius > 0
  const s = Math.abs(sigma) < 1e-12 ? 1e-12 : sigma;
  const weights = new Float64Array(width);
  let sum = 0;
  for (let i = 0; i < width; i++) {
    weights[i] = Math.exp(-(i * i) / (2 * s * s));
    sum += weights[i];
  }
  for (let i = 0; i < width; i++) weights[i] /= sum;
  const a = (angleDegrees * Math.PI) / 180;
  const px = width * Math.sin(a);
  const py = width * Math.cos(a);
  const norm = Math.hypot(px, py);
  const dx = new Int32Array(width);
  const dy = new Int32Array(width);
  for (let i = 0; i < width; i++) {
    dx[i] = Math.ceil((i * py) / norm - 0.5);
    dy[i] = Math.ceil((i * px) / norm - 0.5);
  }
  return { weights, dx, dy };
}

/** Motion-blurs uint8 H×W×C data; uint8 results as ImageMagick 6 (Q16) writes them to an 8-bit PNG. */
export function motionBlur(src: Uint8Array, width: number, height: number, channels: number, kernel: MotionKernel): Uint8Array {
  const { weights, dx, dy } = kernel;
  const taps = weights.length;
  const out = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let i = 0; i < taps; i++) {
          const w = weights[i];
          if (w < 1e-12) break; // the tail of a Gaussian: later taps are smaller still
          const yy = Math.min(Math.max(y + dy[i], 0), height - 1);
          const xx = Math.min(Math.max(x + dx[i], 0), width - 1);
          sum += w * src[(yy * width + xx) * channels + c];
        }
        // Q16 ImageMagick: the sum of 16-bit quanta (p·257) is rounded, the 8-bit PNG writer truncates.
        const q = Math.min(65535, Math.max(0, Math.floor(sum * 257 + 0.5)));
        out[(y * width + x) * channels + c] = Math.floor(q / 257);
      }
    }
  }
  return out;
}
