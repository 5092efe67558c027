// --frost-images / a bundle's frost.images reproduce the original make_cifar_c.py's frost() pixel for pixel: five synthetic
// stand-in photographs (tools/fixtures/corruptions/frost-photos, ours), the original's frost() on
// them with its randint draws recorded (make_fidelity_fixtures.py), replayed through our engine.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fidelityInputs } from '../../../tools/fixtures/corruptions/fidelity';
import { loadFixture } from '../../../tools/fixtures/corruptions/images';
import { PruneLensError } from '../../../src-shared/base/errors';
import { applyCorruption } from '../../../src-shared/corruptions/index';
import type { Rng } from '../../../src-shared/base/rng';
import { manifestProblems } from '../../../src-shared/bundle/manifest';
import { folderStore } from '../bundle/bundle-archive-store';
import { cellCacheKey } from '../extraction/extract-run';
import type { PreparedModel } from '../extraction/prepared-model';
import { parseSetId } from '../extraction/sets';
import { bundleFrostPhotos, frostTexturesFor, readFrostPhotos } from './frost-photos';

const folder = join(import.meta.dirname, '../../../tools/fixtures/corruptions/frost-photos');

function replay(draws: Int32Array): Rng {
  let at = 0;
  const fail = (): never => { throw new Error('frost drew something other than randint'); };
  return {
    int(n: number) {
      const v = draws[at++];
      if (!(v >= 0 && v < n)) throw new Error(`recorded draw ${v} is outside [0, ${n})`);
      return v;
    },
    next: fail,
    normal: fail,
    poisson: fail,
  };
}

describe('frost with user photographs (--frost-images)', () => {
  const photos = readFrostPhotos(folder);
  const textures = frostTexturesFor(photos, 32, 32);

  it('shrinks each photograph 0.2× as cv2.resize does (pixel 5·d + 2)', () => {
    expect(photos.map((p) => p.file.split(/[\\/]/).pop())).toEqual(['photo1.png', 'photo2.png', 'photo3.png', 'photo4.png', 'photo5.png']);
    photos.forEach((photo, k) => {
      const t = textures[k];
      expect([t.width, t.height]).toEqual([Math.round(photo.width * 0.2), Math.round(photo.height * 0.2)]);
      for (const [y, x] of [[0, 0], [7, 11], [t.height - 1, t.width - 1]]) {
        for (let c = 0; c < 3; c++) expect(t.rgb[(y * t.width + x) * 3 + c]).toBe(photo.data[((5 * y + 2) * photo.width + 5 * x + 2) * 3 + c]);
      }
    });
  });

  it("matches the original's frost() exactly under its own draws", () => {
    const draws = loadFixture('fidelity-frost-draws').data as unknown as Int32Array;
    expect(draws).toBeInstanceOf(Int32Array);
    expect(draws).toHaveLength(8 * 5 * 3);
    const expected = loadFixture('fidelity-frost-photos').data;
    const inputs = fidelityInputs();
    const n = 32 * 32 * 3;
    for (let i = 0; i < 8; i++) {
      for (let s = 1; s <= 5; s++) {
        const k = i * 5 + (s - 1);
        const ours = applyCorruption(inputs[i], 'frost', s, replay(draws.subarray(3 * k, 3 * k + 3)), { frostPhotos: textures });
        let differing = 0;
        for (let j = 0; j < n; j++) if (ours[j] !== expected[k * n + j]) differing++;
        expect(differing, `image ${i} severity ${s}`).toBe(0);
      }
    }
  });

  it('rejects photographs too small for a crop and folders without images', () => {
    const tiny = { data: new Uint8Array(150 * 150 * 3), width: 150, height: 150, file: 'tiny.png' }; // → 30×30
    expect(() => frostTexturesFor([tiny], 32, 32)).toThrow(/too small for a 32×32 crop/);
    expect(() => readFrostPhotos(join(import.meta.dirname, '../../../tools/fixtures/corruptions/frost-photos-missing'))).toThrow(PruneLensError);
  });

  it('reads the same textures from a bundle folder, with a key that follows the bytes', async () => {
    const store = folderStore(join(folder, '..'));
    const fromBundle = await bundleFrostPhotos(store, 'frost-photos', 32, 32);
    expect(fromBundle.textures.map((t) => [t.width, t.height])).toEqual(textures.map((t) => [t.width, t.height]));
    fromBundle.textures.forEach((t, k) => expect(t.rgb).toEqual(textures[k].rgb));
    expect(fromBundle.key).toMatch(/^[0-9a-f]{64}$/);
    expect((await bundleFrostPhotos(store, 'frost-photos', 28, 28)).key).toBe(fromBundle.key);
  });

  it('bundle.json takes generate.frost.images, and cached frost cells (only) are keyed by the photographs', () => {
    const manifest = (frost: unknown) => ({
      name: 'b', classes: ['a', 'b'], input: { layout: 'NCHW', scale: 255, mean: [0], std: [1] },
      models: [{ id: 'dense', path: 'dense.onnx', role: 'dense', method: 'dense' }],
      data: { clean: { images: 'x.npy', labels: 'y.npy' }, corrupted: { generate: { corruptions: ['frost'], severities: [1], seed: 1, frost } } },
    });
    expect(manifestProblems(manifest({ images: 'frost-photos' }))).toEqual([]);
    expect(manifestProblems(manifest({ images: '../outside' })).map((p) => p.path)).toEqual(['data.corrupted.generate.frost.images']);
    const model = { hash: 'h', head: { featureTensor: 'f' } } as unknown as PreparedModel;
    const plan = { dataKey: 'd', corruptionSeed: 1, preprocessing: { layout: 'NCHW' as const, scale: 255, mean: [0], std: [1] } };
    const withPhotos = { ...plan, frostPhotos: { key: 'k1', textures: [] } };
    const other = { ...plan, frostPhotos: { key: 'k2', textures: [] } };
    const frost = parseSetId('frost-s3');
    const fog = parseSetId('fog-s3');
    expect(cellCacheKey(model, frost, withPhotos)).not.toBe(cellCacheKey(model, frost, plan));
    expect(cellCacheKey(model, frost, withPhotos)).not.toBe(cellCacheKey(model, frost, other));
    expect(cellCacheKey(model, fog, withPhotos)).toBe(cellCacheKey(model, fog, plan));
  });
});
