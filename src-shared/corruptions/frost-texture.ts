// Procedural stand-in for the six frost photographs of the reference (which we may not ship):
// fern-like ice dendrites (bright, thin, branching at ~60°) over a dim, cloudy haze, slightly
// blue. Six textures come from fixed seeds, like the six photographs; each corrupted image
// takes a random crop of one of them. Textures are built once per (index, scale) and cached.
import { createRng, deriveSeed, type Rng } from '../util/rng';
import { gaussianFilter } from './filters';
import { nextPowerOfTwo, plasmaFractal } from './fractal';

export const FROST_TEXTURES = 6;
/** Side of a texture at scale 1 (the reference crops 32×32 out of photographs shrunk to ~200 px). */
const BASE_SIZE = 192;

export interface FrostTexture {
  size: number;
  /** RGB, size×size×3, values 0…255. */
  rgb: Float64Array;
  /** Luma of rgb, size×size, for grayscale images. */
  gray: Float64Array;
}

const cache = new Map<string, FrostTexture>();

export function frostTexture(index: number, scale: number): FrostTexture {
  const key = `${index}:${scale}`;
  let texture = cache.get(key);
  if (!texture) {
    texture = buildTexture(createRng(deriveSeed(0x0f2057, 'frost', index)), scale);
    if (cache.size > 64) cache.clear();
    cache.set(key, texture);
  }
  return texture;
}

/** Adds `value` at (x, y) spread bilinearly over the four nearest pixels (toroidal wrap). */
function splat(acc: Float64Array, size: number, x: number, y: number, value: number): void {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const tx = x - x0;
  const ty = y - y0;
  const xa = ((x0 % size) + size) % size;
  const xb = (xa + 1) % size;
  const ya = ((y0 % size) + size) % size;
  const yb = (ya + 1) % size;
  acc[ya * size + xa] += value * (1 - tx) * (1 - ty);
  acc[ya * size + xb] += value * tx * (1 - ty);
  acc[yb * size + xa] += value * (1 - tx) * ty;
  acc[yb * size + xb] += value * tx * ty;
}

interface Branch { x: number; y: number; angle: number; length: number; intensity: number; depth: number }

/** A slightly wavering stem that sprouts side branches at about ±60°, each shorter and fainter. */
function growDendrite(acc: Float64Array, size: number, root: Branch, rng: Rng, scale: number): void {
  const stack: Branch[] = [root];
  const step = 0.6 * scale;
  while (stack.length > 0) {
    const b = stack.pop() as Branch;
    let { x, y, angle } = b;
    const steps = Math.ceil(b.length / step);
    for (let s = 0; s < steps; s++) {
      x += Math.cos(angle) * step;
      y += Math.sin(angle) * step;
      angle += (rng.next() - 0.5) * 0.12;
      splat(acc, size, x, y, b.intensity * (1 - (0.5 * s) / steps));
      if (b.depth > 0 && rng.next() < 0.15) {
        const side = rng.next() < 0.5 ? -1 : 1;
        stack.push({
          x, y,
          angle: angle + side * (Math.PI / 3 + (rng.next() - 0.5) * 0.4),
          length: b.length * (0.15 + 0.3 * rng.next()) * (1 - 0.6 * s / steps),
          intensity: b.intensity * 0.85,
          depth: b.depth - 1,
        });
      }
    }
  }
}

function buildTexture(rng: Rng, scale: number): FrostTexture {
  const size = Math.max(8, Math.round(BASE_SIZE * scale));
  const n = size * size;
  // Haze: a plasma cloud, tiled from the next power of two.
  const plasmaSize = nextPowerOfTwo(size);
  const plasma = plasmaFractal(plasmaSize, 2, rng);
  const lines = new Float64Array(n);
  const dendrites = Math.round(70 * (size / BASE_SIZE) ** 2);
  for (let d = 0; d < dendrites; d++) {
    growDendrite(lines, size, {
      x: rng.next() * size,
      y: rng.next() * size,
      angle: rng.next() * 2 * Math.PI,
      length: (14 + 40 * rng.next()) * scale,
      intensity: 0.4 + 0.4 * rng.next(),
      depth: 2,
    }, rng, scale);
  }
  // Tiny isolated crystals.
  for (let i = 0; i < n / 200; i++) splat(lines, size, rng.next() * size, rng.next() * size, 0.2 + 0.4 * rng.next());
  const sharp = gaussianFilter({ data: lines, width: size, height: size, channels: 1 }, 0.45 * scale, 'reflect').data;
  const glow = gaussianFilter({ data: lines, width: size, height: size, channels: 1 }, 2.5 * scale, 'reflect').data;
  const rgb = new Float64Array(n * 3);
  const gray = new Float64Array(n);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p = y * size + x;
      const haze = 0.22 + 0.33 * plasma[(y % plasmaSize) * plasmaSize + (x % plasmaSize)];
      const ice = Math.min(1, haze + 0.8 * (1 - Math.exp(-1.5 * sharp[p])) + 0.45 * glow[p]);
      // Bluish white: ice scatters blue a little more.
      const r = 255 * Math.min(1, ice * 0.86);
      const g = 255 * Math.min(1, ice * 0.94);
      const b = 255 * ice;
      rgb[3 * p] = r;
      rgb[3 * p + 1] = g;
      rgb[3 * p + 2] = b;
      gray[p] = 0.299 * r + 0.587 * g + 0.114 * b;
    }
  }
  return { size, rgb, gray };
}
