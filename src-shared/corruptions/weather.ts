// Weather family (Hendrycks' grouping): snow, frost, fog, brightness (spatter lives in spatter.ts).
import type { Rng } from '../base/rng';
import { editHsv } from './color';
import { nextPowerOfTwo, plasmaFractal } from './fractal';
import { FROST_TEXTURES, frostTexture, type FrostTexture } from './frost-texture';
import { fromUnit, luma, sizeScale, toUnit, uniform, type CorruptionImage } from './image';
import { motionBlur, motionKernel } from './motion';
import * as P from './params';
import { clippedZoom } from './resample';

/**
 * Gaussian noise zoomed into flakes, thresholded, motion-blurred into streaks (ImageMagick, angle
 * in [−135°, −45°)), added twice (once rotated by 180°) over a whitened image.
 */
export function snow(image: CorruptionImage, severity: number, rng: Rng): Uint8Array {
  const [loc, scale, zoom, threshold, radius, sigma, blend] = P.snow[severity - 1];
  const { width, height, channels } = image;
  const n = width * height;
  const s = sizeScale(width, height);
  const noise = new Float64Array(n);
  for (let i = 0; i < n; i++) noise[i] = loc + scale * rng.normal();
  // Larger images get proportionally larger flakes (zoom·size/32); smaller ones keep 1-pixel flakes.
  const zoomed = clippedZoom({ data: noise, width, height, channels: 1 }, zoom * Math.max(1, s)).data;
  const flakes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = zoomed[i] < threshold ? 0 : zoomed[i];
    flakes[i] = v >= 1 ? 255 : Math.floor(v * 255); // the reference saves the layer as an 8-bit PNG
  }
  const kernel = motionKernel(radius * s, sigma * s, uniform(rng, -135, -45));
  const streaks = motionBlur(flakes, width, height, 1, kernel);
  const x = toUnit(image);
  const gray = luma(x);
  const out = new Float64Array(x.data.length);
  for (let p = 0; p < n; p++) {
    const flake = (streaks[p] + streaks[n - 1 - p]) / 255;
    const whitened = gray[p] * 1.5 + 0.5;
    for (let c = 0; c < channels; c++) {
      const v = x.data[p * channels + c];
      out[p * channels + c] = blend * v + (1 - blend) * Math.max(v, whitened) + flake;
    }
  }
  return fromUnit(out);
}

/**
 * c₀·x + c₁·frost, with frost a random crop of one of the frost textures: the procedural
 * stand-ins for the reference's photographs, or `photos` (see frost-texture.ts). As the reference:
 * texture index, then crop row in [0, H − h), then column in [0, W − w); truncated to uint8.
 */
export function frost(image: CorruptionImage, severity: number, rng: Rng, photos?: readonly FrostTexture[]): Uint8Array {
  const [imageWeight, frostWeight] = P.frost[severity - 1];
  const { data, width, height, channels } = image;
  const texture = photos && photos.length > 0
    ? photos[rng.int(photos.length)]
    : frostTexture(rng.int(FROST_TEXTURES), sizeScale(width, height));
  const top = rng.int(Math.max(1, texture.height - height));
  const left = rng.int(Math.max(1, texture.width - width));
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = ((top + y) % texture.height) * texture.width;
    for (let x = 0; x < width; x++) {
      const t = row + ((left + x) % texture.width);
      for (let c = 0; c < channels; c++) {
        const ice = channels === 1 ? texture.gray[t] : texture.rgb[3 * t + c];
        const v = imageWeight * data[(y * width + x) * channels + c] + frostWeight * ice;
        out[(y * width + x) * channels + c] = v >= 255 ? 255 : Math.floor(v);
      }
    }
  }
  return out;
}

/** Adds a plasma-fractal haze, then rescales so the brightest value stays where it was. */
export function fog(image: CorruptionImage, severity: number, rng: Rng): Uint8Array {
  const [strength, decay] = P.fog[severity - 1];
  const { width, height, channels } = image;
  const mapSize = nextPowerOfTwo(Math.max(width, height, 2));
  const plasma = plasmaFractal(mapSize, decay, rng);
  const x = toUnit(image).data;
  let maxValue = 0;
  for (let i = 0; i < x.length; i++) if (x[i] > maxValue) maxValue = x[i];
  const gain = maxValue / (maxValue + strength);
  for (let y = 0; y < height; y++) {
    for (let px = 0; px < width; px++) {
      const haze = strength * plasma[y * mapSize + px];
      for (let c = 0; c < channels; c++) {
        const i = (y * width + px) * channels + c;
        x[i] = (x[i] + haze) * gain;
      }
    }
  }
  return fromUnit(x);
}

/** HSV value + c (skimage round trip); for grey images that is simply x + c. */
export function brightness(image: CorruptionImage, severity: number): Uint8Array {
  const shift = P.brightnessShift[severity - 1];
  const x = toUnit(image).data;
  if (image.channels === 1) {
    for (let i = 0; i < x.length; i++) x[i] = Math.min(1, x[i] + shift);
  } else {
    editHsv(x, (hsv) => {
      hsv[2] = Math.min(1, Math.max(0, hsv[2] + shift));
    });
  }
  return fromUnit(x);
}
