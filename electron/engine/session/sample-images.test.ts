// The sample view's pictures come from the input adapter that feeds the bundle's models: the image
// adapter reads 8-bit pixels (and precomputed corrupted sets), a kind registered only here draws
// its own, and a kind without pictures says so. (Generated corruptions: result-queries.test.ts.)
import { describe, expect, it } from 'vitest';
import type { SampleImages } from '../../../src-shared/api/result-types';
import { makeTestBundle, pixelValue, tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
import { folderStore } from '../bundle/bundle-archive-store';
import { openCleanSource } from '../data-sources/data-source';
import { cifarCReader } from '../data-sources/data-source-cifar-c';
import type { ImageSource } from '../data-sources/data-source-base';
import type { ExtractionPlan } from '../extraction/extraction-plan';
import type { InputAdapter } from '../inputs/input-adapter';
import { imageAdapter } from '../inputs/image/image-adapter';
import { inputAdapters } from '../inputs/input-adapters';
import { sampleImages } from './sample-images';

async function fixture(kind = 'image') {
  const { dir, labels } = makeTestBundle(tempDir(), { n: 6 });
  const store = folderStore(dir);
  const source = await openCleanSource(store, { images: 'data/images.npy', labels: 'data/labels.npy' });
  const plan = {
    models: [{ id: 'p', role: 'pruned', input: { kind: 'other', inputs: [] } }, { id: 'd', role: 'dense', input: { kind, inputs: [] } }],
    source,
    corruptionSeed: 0,
    corruptedSource: (set: { corruption: string; severity: number }) => cifarCReader.open(store, 'CIFAR-10-C', set.corruption, set.severity),
  } as unknown as ExtractionPlan;
  return { session: { currentPlan: async () => plan }, labels, source };
}

describe('sample pictures through the input adapter', () => {
  it('the image adapter shows the clean row and the precomputed corrupted rows, byte for byte', async () => {
    const { session, labels } = await fixture();
    const sample = await sampleImages(session, 4, 'fog', [2, 5]);
    expect(sample).toMatchObject({ index: 4, label: labels[4], width: 8, height: 8, channels: 1 });
    expect(Array.from(sample.clean)).toEqual(new Array(64).fill(pixelValue(0, 4)));
    expect(sample.corrupted.map((c) => [c.setId, c.severity])).toEqual([['fog-s2', 2], ['fog-s5', 5]]);
    expect(Array.from(sample.corrupted[0].data)).toEqual(new Array(64).fill(pixelValue(2, 4)));
    expect(Array.from(sample.corrupted[1].data)).toEqual(new Array(64).fill(pixelValue(5, 4)));
    expect((await sampleImages(session, 0, 'clean')).corrupted).toEqual([]);
    await expect(sampleImages(session, 6)).rejects.toMatchObject({ code: 'bad-request', message: 'Sample 6 is out of range (0–5).' });
  });

  it('refuses data that is not 8-bit', async () => {
    const { session, source } = await fixture();
    const float: ImageSource = { ...source, dtype: 'float32', readBatch: async () => new Float32Array(64) };
    const plan = await session.currentPlan();
    await expect(sampleImages({ currentPlan: async () => ({ ...plan, source: float }) }, 0)).rejects.toMatchObject({ code: 'bad-data', message: 'Only 8-bit image data can be shown.' });
  });

  it('asks the dense model\'s input kind: its own pictures, or a clear refusal when it has none', async () => {
    const { session } = await fixture('vector-test');
    const drawn: SampleImages = { index: 1, label: 0, width: 3, height: 1, channels: 1, clean: Uint8Array.from([1, 2, 3]), corrupted: [] };
    const calls: unknown[] = [];
    const vector: InputAdapter = {
      kind: 'vector-test',
      match: () => false,
      inputSchema: () => { throw new Error('unused'); },
      batcher: () => { throw new Error('unused'); },
      toFeeds: () => ({}),
      samplePictures: async (_data, index, corruption, severities) => {
        calls.push([index, corruption, severities]);
        return drawn;
      },
    };
    expect(await sampleImages(session, 1, 'fog', [3], { adapters: [imageAdapter, vector] })).toBe(drawn);
    expect(calls).toEqual([[1, 'fog', [3]]]);
    const blind: InputAdapter = { ...vector, samplePictures: undefined };
    await expect(sampleImages(session, 1, undefined, undefined, { adapters: [imageAdapter, blind] }))
      .rejects.toMatchObject({ code: 'bad-request', message: "A sample of the 'vector-test' input kind has no picture to show." });
    // The built-in list has no such kind.
    await expect(sampleImages(session, 1, undefined, undefined, inputAdapters)).rejects.toMatchObject({ code: 'bad-request' });
  });
});
