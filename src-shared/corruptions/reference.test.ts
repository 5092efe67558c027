// The deterministic corruptions against independent references computed by
// tools/fixtures/corruptions/make_fixtures.py (NumPy / SciPy / scikit-image / Pillow /
// ImageMagick, following Hendrycks' make_cifar_c.py), on a synthetic 32×32 RGB image and the
// first Fashion-MNIST test image (28×28 grey, parameters scaled by 28/32).
//
// Tolerances: integer pipelines (Pillow's BOX resize, libjpeg's JPEG, ImageMagick's motion blur)
// must match exactly; float pipelines may differ by ±1 grey level on at most 1% of values
// (the reference truncates with np.uint8, so a last-bit difference can flip a value — none do
// at the time of writing); elastic likewise (the affine matrix is solved differently from
// NumPy's; 7 values of 15360 differ).
import { describe, expect, it } from 'vitest';
import { fixtureImage, loadFixture } from '../../tools/fixtures/corruptions/images';
import { createRng } from '../base/rng';
import { motionBlurAt } from './blur';
import { elasticWithField } from './elastic';
import { applyCorruption, type CorruptionName } from './index';
import * as P from './params';

const inputs = ['rgb32', 'gray28'] as const;

function compare(actual: Uint8Array, expected: Uint8Array): { maxDiff: number; fraction: number } {
  expect(actual.length).toBe(expected.length);
  let maxDiff = 0;
  let differing = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (d > 0) differing++;
    maxDiff = Math.max(maxDiff, d);
  }
  return { maxDiff, fraction: differing / actual.length };
}

function checkAgainstFixture(name: string, key: string, produce: (severity: number) => Uint8Array, maxDiff: number, maxFraction: number) {
  const expected = loadFixture(`${name}-${key}`);
  const per = expected.data.length / 5;
  for (let severity = 1; severity <= 5; severity++) {
    const result = compare(produce(severity), expected.data.subarray((severity - 1) * per, severity * per));
    expect({ severity, ...result, ok: result.maxDiff <= maxDiff && result.fraction <= maxFraction }).toMatchObject({ severity, ok: true });
  }
}

const exact: CorruptionName[] = ['pixelate', 'jpeg_compression'];
const floatPipelines: CorruptionName[] = ['gaussian_blur', 'defocus_blur', 'zoom_blur', 'brightness', 'saturate', 'contrast'];

describe.each(inputs)('reference fixtures (%s)', (key) => {
  const image = fixtureImage(`input-${key}`);

  it.each(exact)('%s matches Pillow / libjpeg exactly', (name) => {
    checkAgainstFixture(name, key, (s) => applyCorruption(image, name, s, createRng(0)), 0, 0);
  });

  it.each(floatPipelines)('%s matches the NumPy/SciPy/skimage reference (±1 on ≤ 1%%)', (name) => {
    checkAgainstFixture(name, key, (s) => applyCorruption(image, name, s, createRng(0)), 1, 0.01);
  });

  it('motion_blur matches ImageMagick 6 (convert -motion-blur) exactly at fixed angles', () => {
    const angles = key === 'rgb32' ? [-41.3, -17.9, 3.7, 28.6, 44.1] : [-118.7, -87.2, 6.4, 36.9, 61.3];
    checkAgainstFixture('motion_blur', key, (s) => motionBlurAt(image, s, angles[s - 1]), 0, 0);
  });

  it('elastic_transform with a fixed field matches the SciPy reference (±1 on ≤ 1%)', () => {
    const { width: w, height: h } = image;
    checkAgainstFixture('elastic_transform', key, (s) => {
      // The same integer-formula "random" field as make_fixtures.py's elastic_field.
      const noiseX = new Float64Array(w * h);
      const noiseY = new Float64Array(w * h);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          noiseX[y * w + x] = ((x * 37 + y * 101 + 17 * s) % 97) / 48 - 1;
          noiseY[y * w + x] = ((x * 53 + y * 29 + 5 * s) % 89) / 44 - 1;
        }
      }
      const jitterMax = P.elastic[s - 1][2] * Math.min(w, h);
      const jitter = Float64Array.from([0.9, -0.4, -0.7, 0.3, 0.5, -1.0], (v) => v * jitterMax);
      return elasticWithField(image, s, { jitter, noiseX, noiseY });
    }, 1, 0.01);
  });
});

describe('reference fixtures are not trivial', () => {
  it('every fixture severity differs from its input (except saturate on grey at 1–3, the identity)', () => {
    for (const key of inputs) {
      const input = fixtureImage(`input-${key}`).data;
      for (const name of [...exact, ...floatPipelines, 'motion_blur', 'elastic_transform']) {
        const { data } = loadFixture(`${name}-${key}`);
        for (let s = 0; s < 5; s++) {
          const { fraction } = compare(data.subarray(s * input.length, (s + 1) * input.length), input);
          if (name === 'saturate' && key === 'gray28' && s < 3) expect(fraction).toBe(0);
          else expect(fraction, `${name} ${key} severity ${s + 1}`).toBeGreaterThan(0.01);
        }
      }
    }
  });
});
