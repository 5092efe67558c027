// Diamond-square plasma fractal (Hendrycks' `plasma_fractal`, itself from FLHerne/mapgen):
// a periodic height map of side `mapSize` (a power of two), normalised to [0, 1].
import type { Rng } from '../base/rng';

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

export function plasmaFractal(mapSize: number, wibbleDecay: number, rng: Rng): Float64Array {
  const n = mapSize;
  if (n < 2 || (n & (n - 1)) !== 0) throw new RangeError(`plasmaFractal: mapSize ${n} is not a power of two ≥ 2.`);
  const map = new Float64Array(n * n);
  const at = (y: number, x: number) => ((y + n) % n) * n + ((x + n) % n);
  let step = n;
  let wibble = 100;
  // Each new point is the mean of its four neighbours plus wibble·U(−wibble, wibble).
  const wibbled = (sum: number) => sum / 4 + wibble * (wibble * (2 * rng.next() - 1));
  while (step >= 2) {
    const half = step / 2;
    // Squares: centre = mean of the four corners.
    for (let y = 0; y < n; y += step) {
      for (let x = 0; x < n; x += step) {
        map[(y + half) * n + x + half] = wibbled(map[at(y, x)] + map[at(y + step, x)] + map[at(y, x + step)] + map[at(y + step, x + step)]);
      }
    }
    // Diamonds: edge midpoints = mean of the two adjacent corners and the two adjacent centres.
    for (let y = 0; y < n; y += step) {
      for (let x = 0; x < n; x += step) {
        map[y * n + x + half] = wibbled(map[at(y + half, x + half)] + map[at(y - half, x + half)] + map[at(y, x)] + map[at(y, x + step)]);
      }
    }
    for (let y = 0; y < n; y += step) {
      for (let x = 0; x < n; x += step) {
        map[(y + half) * n + x] = wibbled(map[at(y + half, x + half)] + map[at(y + half, x - half)] + map[at(y, x)] + map[at(y + step, x)]);
      }
    }
    step = half;
    wibble /= wibbleDecay;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < map.length; i++) {
    if (map[i] < min) min = map[i];
    if (map[i] > max) max = map[i];
  }
  const range = max - min || 1;
  for (let i = 0; i < map.length; i++) map[i] = (map[i] - min) / range;
  return map;
}
