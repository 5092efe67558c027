// Noise family: gaussian, shot (Poisson), impulse (salt & pepper), speckle. Every value (each
// channel of each pixel) gets its own draw, as in the reference.
import type { Rng } from '../base/rng';
import { fromUnit, type CorruptionImage } from './image';
import * as P from './params';

const UNIT = new Float64Array(256).map((_, i) => i / 255);

/** x + N(0, c), clipped. */
export function gaussianNoise(image: CorruptionImage, severity: number, rng: Rng): Uint8Array {
  const c = P.gaussianNoiseScale[severity - 1];
  const { data } = image;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = UNIT[data[i]] + c * rng.normal();
  return fromUnit(out);
}

/**
 * A Poisson draw by inversion (one uniform per draw: several times faster than Knuth's product
 * method for the small means that dominate here); large means use rng.poisson's approximation.
 * `expMinus` = e^−λ, precomputed per grey level.
 */
function poissonByInversion(rng: Rng, lambda: number, expMinus: number): number {
  if (lambda >= 30) return rng.poisson(lambda);
  const u = rng.next();
  let k = 0;
  let p = expMinus;
  let cdf = p;
  while (u > cdf && k < 1000) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

/** poisson(x·c) / c: photon noise, variance x / c. */
export function shotNoise(image: CorruptionImage, severity: number, rng: Rng): Uint8Array {
  const c = P.shotNoiseRate[severity - 1];
  const { data } = image;
  const lambdas = UNIT.map((x) => x * c);
  const expMinus = lambdas.map((l) => Math.exp(-l));
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = poissonByInversion(rng, lambdas[data[i]], expMinus[data[i]]) / c;
  return fromUnit(out);
}

/** Salt & pepper (skimage random_noise 's&p'): each value flips with probability `amount`, half to 1, half to 0. */
export function impulseNoise(image: CorruptionImage, severity: number, rng: Rng): Uint8Array {
  const amount = P.impulseAmount[severity - 1];
  const { data } = image;
  const out = data.slice();
  for (let i = 0; i < data.length; i++) {
    if (rng.next() < amount) out[i] = rng.next() < 0.5 ? 255 : 0;
  }
  return out;
}

/** x + x·N(0, c): multiplicative noise, so dark pixels stay dark. */
export function speckleNoise(image: CorruptionImage, severity: number, rng: Rng): Uint8Array {
  const c = P.speckleScale[severity - 1];
  const { data } = image;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const x = UNIT[data[i]];
    out[i] = x + x * c * rng.normal();
  }
  return fromUnit(out);
}
