// CIFAR-10-C severity parameters (Hendrycks & Dietterich 2019, `make_cifar_c.py`), for 32×32.
// Index 0 is severity 1. Size-dependent entries are scaled by the caller (see each family).

export const gaussianNoiseScale = [0.04, 0.06, 0.08, 0.09, 0.1];
export const shotNoiseRate = [500, 250, 100, 75, 50];
export const impulseAmount = [0.01, 0.02, 0.03, 0.05, 0.07];
export const speckleScale = [0.06, 0.1, 0.12, 0.16, 0.2];

export const gaussianBlurSigma = [0.4, 0.6, 0.7, 0.8, 1];
/** (σ, max pixel displacement δ, iterations) */
export const glassBlur: [number, number, number][] = [[0.05, 1, 1], [0.25, 1, 1], [0.4, 1, 1], [0.25, 1, 2], [0.4, 1, 2]];
/** (disk radius, anti-alias σ) */
export const defocusBlur: [number, number][] = [[0.3, 0.4], [0.4, 0.5], [0.5, 0.6], [1, 0.2], [1.5, 0.1]];
/** (radius, σ) of ImageMagick's motion blur */
export const motionBlur: [number, number][] = [[6, 1], [6, 1.5], [6, 2], [8, 2], [9, 2.5]];
/** Largest zoom (exclusive bound of numpy.arange(1, zmax, 0.01)) */
export const zoomBlurMax = [1.06, 1.11, 1.16, 1.21, 1.26];

/** (loc, scale, zoom, threshold, motion radius, motion σ, blend) */
export const snow: [number, number, number, number, number, number, number][] = [
  [0.1, 0.2, 1, 0.6, 8, 3, 0.95],
  [0.1, 0.2, 1, 0.5, 10, 4, 0.9],
  [0.15, 0.3, 1.75, 0.55, 10, 4, 0.9],
  [0.25, 0.3, 2.25, 0.6, 12, 6, 0.85],
  [0.3, 0.3, 1.25, 0.65, 14, 12, 0.8],
];
/** (image weight, frost weight) */
export const frost: [number, number][] = [[1, 0.2], [1, 0.3], [0.9, 0.4], [0.85, 0.4], [0.75, 0.45]];
/** (strength, wibble decay) */
export const fog: [number, number][] = [[0.2, 3], [0.5, 3], [0.75, 2.5], [1, 2], [1.5, 1.75]];
/** (loc, scale, σ, threshold, intensity — the σ of the mud mask when mud, mud?) */
export const spatter: [number, number, number, number, number, number][] = [
  [0.62, 0.1, 0.7, 0.7, 0.5, 0],
  [0.65, 0.1, 0.8, 0.7, 0.5, 0],
  [0.65, 0.3, 1, 0.69, 0.5, 0],
  [0.65, 0.1, 0.7, 0.69, 0.6, 1],
  [0.65, 0.1, 0.5, 0.68, 0.6, 1],
];

export const brightnessShift = [0.05, 0.1, 0.15, 0.2, 0.3];
export const contrastFactor = [0.75, 0.5, 0.4, 0.3, 0.15];
/** (S multiplier, S offset) */
export const saturate: [number, number][] = [[0.3, 0], [0.1, 0], [1.5, 0], [2, 0.1], [2.5, 0.2]];
export const jpegQuality = [80, 65, 58, 50, 40];
export const pixelateFactor = [0.95, 0.9, 0.85, 0.75, 0.65];
/** (α, σ, affine jitter) as fractions of the image size (×32 gives the CIFAR pixel values) */
export const elastic: [number, number, number][] = [[0, 0, 0.08], [0.05, 0.2, 0.07], [0.08, 0.06, 0.06], [0.1, 0.04, 0.05], [0.1, 0.03, 0.03]];
