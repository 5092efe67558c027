// The shared helpers: SciPy boundary modes, the plasma fractal, ImageMagick's motion kernel,
// the JPEG quantisation tables, and the JPEG round trip against jpeg-js (a real, independent
// encoder + decoder; it keeps full-resolution chroma, so it is compared with our 4:4:4 mode).
import { decode as decodeJpeg, encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { fashionImages, psnr, syntheticRgb } from '../../tools/fixtures/corruptions/images';
import { createRng } from '../base/rng';
import { borderIndex, type BorderMode } from './filters';
import { plasmaFractal } from './fractal';
import { jpegRoundTrip } from './jpeg';
import { quantTable } from './jpeg-dct';
import { motionKernel } from './motion';

describe('borderIndex', () => {
  it('follows SciPy: nearest aaa|abcd|ddd, reflect cba|abcd|dcb, mirror dcb|abcd|cba', () => {
    const ext = (mode: BorderMode) => [-3, -2, -1, 4, 5, 6].map((i) => borderIndex(i, 4, mode));
    expect(ext('nearest')).toEqual([0, 0, 0, 3, 3, 3]);
    expect(ext('reflect')).toEqual([2, 1, 0, 3, 2, 1]);
    expect(ext('mirror')).toEqual([3, 2, 1, 2, 1, 0]);
  });

  it('matches numpy.pad (edge / symmetric / reflect) far outside the array, indices −9 … 12', () => {
    const padded = {
      nearest: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
      reflect: [0, 0, 1, 2, 3, 3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0, 1, 2, 3, 3],
      mirror: [3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0],
    };
    for (const [mode, expected] of Object.entries(padded)) {
      expect(expected.map((_, k) => borderIndex(k - 9, 4, mode as BorderMode))).toEqual(expected);
    }
  });
});

describe('plasmaFractal', () => {
  it('spans exactly [0, 1], is seeded, and is smooth at large scale', () => {
    const a = plasmaFractal(32, 3, createRng(1));
    expect(Math.min(...a)).toBe(0);
    expect(Math.max(...a)).toBe(1);
    expect(plasmaFractal(32, 3, createRng(1))).toEqual(a);
    expect(plasmaFractal(32, 3, createRng(2))).not.toEqual(a);
    // Neighbouring values are far closer than random pairs: the map is a smooth cloud.
    let near = 0;
    let far = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 31; x++) {
        near += Math.abs(a[y * 32 + x] - a[y * 32 + x + 1]);
        far += Math.abs(a[y * 32 + x] - a[((y + 16) % 32) * 32 + ((x + 16) % 32)]);
      }
    }
    expect(near).toBeLessThan(far / 2);
  });
});

describe('motionKernel (ImageMagick MotionBlurImage)', () => {
  it('has 2·ceil(radius)+1 one-sided Gaussian taps along the angle', () => {
    const k = motionKernel(6, 1, 0);
    expect(k.weights).toHaveLength(13);
    const raw = Array.from({ length: 13 }, (_, i) => Math.exp(-(i * i) / 2));
    const sum = raw.reduce((s, v) => s + v, 0);
    k.weights.forEach((w, i) => expect(w).toBeCloseTo(raw[i] / sum, 12));
    expect(Array.from(k.dx)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    expect(Array.from(k.dy)).toEqual(new Array(13).fill(0));
    const down = motionKernel(2.5, 1, 90);
    expect(Array.from(down.dx)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(down.dy)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('JPEG', () => {
  it('scales the IJG tables like jpeg_set_quality (quality 50 is the Annex K table)', () => {
    expect(Array.from(quantTable(50, false).slice(0, 8))).toEqual([16, 11, 10, 16, 24, 40, 51, 61]);
    expect(Array.from(quantTable(80, false).slice(0, 8))).toEqual([6, 4, 4, 6, 10, 16, 20, 24]);
    expect(Array.from(quantTable(40, true).slice(0, 4))).toEqual([21, 23, 30, 59]);
    expect(quantTable(1, false).every((q) => q === 255)).toBe(true);
  });

  it('agrees with jpeg-js (encode + decode) in 4:4:4 mode', () => {
    for (const image of [syntheticRgb(0), syntheticRgb(2)]) {
      const n = image.width * image.height;
      const rgba = new Uint8Array(n * 4);
      for (let p = 0; p < n; p++) {
        for (let c = 0; c < 3; c++) rgba[4 * p + c] = image.data[3 * p + c];
        rgba[4 * p + 3] = 255;
      }
      for (const quality of [80, 58, 40]) {
        const encoded = encodeJpeg({ data: rgba, width: image.width, height: image.height }, quality).data as unknown as Uint8Array;
        const reference = decodeJpeg(encoded, { useTArray: true, formatAsRGBA: false }).data.slice(0, n * 3);
        const ours = jpegRoundTrip(image.data, image.width, image.height, 3, quality, { subsampling: '444' });
        expect(psnr(ours, reference)).toBeGreaterThan(38);
        expect(Math.abs(psnr(ours, image.data) - psnr(reference, image.data))).toBeLessThan(0.5);
      }
    }
  });

  it('loses more at lower quality, and 4:2:0 loses colour detail that 4:4:4 keeps', () => {
    const image = syntheticRgb(1);
    const at = (q: number, subsampling: '420' | '444') => psnr(jpegRoundTrip(image.data, 32, 32, 3, q, { subsampling }), image.data);
    expect(at(40, '420')).toBeLessThan(at(80, '420'));
    expect(at(80, '420')).toBeLessThan(at(80, '444'));
    const [grey] = fashionImages(1);
    expect(psnr(jpegRoundTrip(grey.data, 28, 28, 1, 40), grey.data)).toBeLessThan(psnr(jpegRoundTrip(grey.data, 28, 28, 1, 80), grey.data));
  });
});
