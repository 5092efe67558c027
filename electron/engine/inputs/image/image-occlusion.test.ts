// The image adapter's occlusion hook: the sample's clean or corrupted pixels and one patch-filled
// copy per position in one image batch for the model's input, the default patch and stride, and
// attribution maps checked against a per-pixel brute force (mean change over the covering patches).
import { describe, expect, it } from 'vitest';
import { applyCorruption, corruptionRng } from '../../../../src-shared/corruptions/index';
import type { ImageSource } from '../../data-sources/data-source-base';
import { parseSetId } from '../../extraction/sets';
import type { InputSchema, PerturbationData } from '../input-adapter';
import { imageAdapter } from './image-adapter';

const W = 5, H = 4, C = 3, N = 3;
const pixels = Uint8Array.from({ length: N * H * W * C }, (_, i) => (i * 37) % 251);
const source: ImageSource = {
  count: N, height: H, width: W, channels: C, layout: 'NHWC', sourceLayout: 'NHWC', dtype: 'uint8', labels: Int32Array.from([2, 0, 1]),
  readBatch: async (start, count) => pixels.slice(start * H * W * C, (start + count) * H * W * C),
  close: async () => {}, description: 'test',
};
const data: PerturbationData = { source, corruptionSeed: 3, preprocessing: { layout: 'NHWC', scale: 255, mean: [0, 0, 0], std: [1, 1, 1] } };
const schema: InputSchema = { kind: 'image', inputs: [{ name: 'x', type: 'float32', shape: ['N', H, W, C] }] };
const occlude = imageAdapter.occlusion!;

describe('image occlusion through the adapter', () => {
  it('batches the clean sample and its patch-filled copies for the model input', async () => {
    const o = await occlude(data, schema, { index: 1, set: parseSetId('clean'), patch: 2, stride: 2 });
    const image = pixels.subarray(H * W * C, 2 * H * W * C);
    // Positions x ∈ {0, 2}, y ∈ {0, 2}: four copies after the original.
    expect(o).toMatchObject({ count: 5, label: 0, width: W, height: H, patch: 2, stride: 2 });
    expect(o.batch).toMatchObject({ kind: 'image', count: 5, channels: C, geometry: { width: W, height: H, channels: C }, spec: data.preprocessing });
    const batch = o.batch.pixels as Uint8Array;
    expect(o.transfer).toEqual([batch.buffer]);
    expect(Array.from(batch.subarray(0, H * W * C))).toEqual(Array.from(image));
    const fill = Math.round(image.reduce((a, b) => a + b, 0) / image.length);
    const third = batch.subarray(3 * H * W * C, 4 * H * W * C); // copy 2 hides the patch at (0, 2)
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) {
      const p = (y * W + x) * C + c;
      expect(third[p]).toBe(x < 2 && y >= 2 ? fill : image[p]);
    }
  });

  it('occludes the corrupted picture the models were fed, with the default patch and stride', async () => {
    const o = await occlude(data, schema, { index: 2, set: parseSetId('fog-s3') });
    const image = pixels.subarray(2 * H * W * C, 3 * H * W * C);
    const fogged = applyCorruption({ data: image, width: W, height: H, channels: 3 }, 'fog', 3, corruptionRng(3, 'fog', 3, 2));
    expect(Array.from((o.batch.pixels as Uint8Array).subarray(0, H * W * C))).toEqual(Array.from(fogged));
    // patch max(2, round(4 / 7)) = 2, stride floor(2 / 2) = 1: 4 × 3 positions.
    expect(o).toMatchObject({ patch: 2, stride: 1, count: 13, label: 1 });
  });

  it('maps each pixel to the mean change of the patches covering it (0 where none does)', async () => {
    const o = await occlude(data, schema, { index: 0, set: parseSetId('clean'), patch: 3, stride: 2 });
    // Positions: x ∈ {0, 2}, y ∈ {0} (y = 2 would run past the 4 rows); the last column and row stay uncovered.
    const positions = [[0, 0], [2, 0]];
    const change = (k: number) => (k + 1) * 1.5 - 0.25;
    const map = o.attribute(change);
    expect(map).toBeInstanceOf(Float32Array);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
      const covering = positions.map(([x0, y0], k) => ({ k, hit: x >= x0 && x < x0 + 3 && y >= y0 && y < y0 + 3 })).filter((c) => c.hit);
      const want = covering.length ? covering.reduce((s, c) => s + change(c.k), 0) / covering.length : 0;
      expect(map[y * W + x]).toBeCloseTo(want, 6);
    }
    expect(map[2]).toBeCloseTo((1.25 + 2.75) / 2, 6); // column 2 is in both patches
    expect(map[3 * W]).toBe(0);
  });

  it('refuses a model input its image batches do not fit', async () => {
    const wrong: InputSchema = { kind: 'image', inputs: [{ name: 'x', type: 'float32', shape: ['N', H + 1, W, C] }] };
    await expect(occlude(data, wrong, { index: 0, set: parseSetId('clean') })).rejects.toThrow();
  });
});
