import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { makeTestBundle, pixelValue, tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
import { writeIdxU8 } from '../../../src-shared/formats/idx';
import { writeNpy } from '../../../src-shared/formats/npy';
import { folderStore } from '../bundle/bundle-archive-store';
import type { BundleStore } from '../bundle/bundle-archive-store';
import { openCleanSource } from './data-source';
import { listCifarC, openCifarCSource } from './data-source-cifar-c';

const formats = new URL('../../../tools/fixtures/formats/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', formats), 'utf8'));

/** A store that counts the bytes read through open() handles. */
function countingStore(store: BundleStore) {
  const counter = { bytes: 0 };
  const wrapped: BundleStore = {
    ...store,
    async open(relative, what) {
      const file = await store.open(relative, what);
      return { ...file, read: async (offset: number, length: number) => ((counter.bytes += length), file.read(offset, length)) };
    },
  };
  return { store: wrapped, counter };
}

describe('.npy image sources', () => {
  const dir = tempDir();
  for (const name of ['u8_nhwc_v1.npy', 'u8_nchw_v2.npy', 'f32_nhwc_v3.npy', 'f16_nchw_v1.npy', 'labels_i64.npy', 'labels_u8_col.npy']) {
    writeFileSync(path.join(dir, name), readFileSync(new URL(name, formats)));
  }

  it.each([
    ['u8_nhwc_v1.npy', 'NHWC', 'uint8', expected.npy.u8],
    ['u8_nchw_v2.npy', 'NCHW', 'uint8', expected.npy.u8],
    ['f32_nhwc_v3.npy', 'NHWC', 'float32', expected.npy.f32],
    ['f16_nchw_v1.npy', 'NCHW', 'float32', expected.npy.f16],
  ])('%s: batches come out HWC, reading only the rows asked for', async (file, layout, dtype, values) => {
    const { store, counter } = countingStore(folderStore(dir));
    const source = await openCleanSource(store, { images: file, labels: 'labels_i64.npy' });
    expect([source.count, source.height, source.width, source.channels, source.sourceLayout, source.dtype]).toEqual([6, 4, 5, 3, layout, dtype]);
    expect(Array.from(source.labels)).toEqual(expected.npy.labels);
    counter.bytes = 0;
    const batch = await source.readBatch(2, 3);
    expect(Array.from(batch)).toEqual(values.slice(2 * 60, 5 * 60));
    const itemSize = dtype === 'uint8' ? 1 : file.startsWith('f16') ? 2 : 4;
    expect(counter.bytes).toBe(3 * 60 * itemSize);
    await source.close();
  });

  it('rejects label/image count mismatches and out-of-range batches', async () => {
    const store = folderStore(dir);
    writeFileSync(path.join(dir, 'five.npy'), writeNpy(new Int32Array(5), [5]));
    await expect(openCleanSource(store, { images: 'u8_nhwc_v1.npy', labels: 'five.npy' })).rejects.toThrow(/five\.npy has 5 labels but .*u8_nhwc_v1\.npy has 6 images/);
    const source = await openCleanSource(store, { images: 'u8_nhwc_v1.npy', labels: 'labels_u8_col.npy' });
    await expect(source.readBatch(5, 2)).rejects.toThrow(/outside 0…5/);
  });
});

describe('IDX and image-folder sources', () => {
  it('reads gzip IDX images and labels', async () => {
    const dir = tempDir();
    const pixels = Uint8Array.from({ length: 4 * 3 * 2 }, (_, i) => i * 10);
    writeFileSync(path.join(dir, 't10k-images-idx3-ubyte.gz'), gzipSync(writeIdxU8(pixels, [4, 3, 2])));
    writeFileSync(path.join(dir, 't10k-labels-idx1-ubyte'), writeIdxU8(Uint8Array.from([1, 0, 2, 1]), [4]));
    const source = await openCleanSource(folderStore(dir), { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte' });
    expect([source.count, source.height, source.width, source.channels]).toEqual([4, 3, 2, 1]);
    expect(Array.from(source.labels)).toEqual([1, 0, 2, 1]);
    expect(Array.from(await source.readBatch(1, 2))).toEqual(Array.from(pixels.subarray(6, 18)));
  });

  it('reads one subfolder per class (PNG and JPEG), labels by bundle class order', async () => {
    const dir = tempDir();
    const png = (value: number) => {
      const image = new PNG({ width: 3, height: 2 });
      image.data.fill(value);
      return PNG.sync.write(image);
    };
    for (const [cls, files] of Object.entries({ cat: ['a.png', 'b.png'], dog: ['c.png'], bird: ['d.jpg'] })) {
      mkdirSync(path.join(dir, 'test', cls), { recursive: true });
      for (const f of files) {
        const bytes = f.endsWith('.jpg') ? jpeg.encode({ width: 3, height: 2, data: new Uint8Array(24).fill(128) }, 100).data : png(f === 'a.png' ? 10 : 20);
        writeFileSync(path.join(dir, 'test', cls, f), bytes);
      }
    }
    writeFileSync(path.join(dir, 'test', 'cat', 'notes.txt'), 'ignored');
    const source = await openCleanSource(folderStore(dir), { images: 'test', format: 'image-folder' }, ['dog', 'cat', 'bird']);
    expect([source.count, source.height, source.width, source.channels]).toEqual([4, 2, 3, 3]);
    expect(Array.from(source.labels)).toEqual([2, 1, 1, 0]); // bird/d.jpg, cat/a.png, cat/b.png, dog/c.png
    const batch = await source.readBatch(0, 2);
    expect(Math.abs(batch[0] - 128)).toBeLessThanOrEqual(2);
    expect(Array.from(batch.subarray(18, 36))).toEqual(new Array(18).fill(10));
  });
});

describe('CIFAR-10-C layout', () => {
  it('slices each severity out of the severity-major files', async () => {
    const { dir, labels } = makeTestBundle(tempDir(), { n: 7 });
    const store = folderStore(dir);
    expect((await listCifarC(store, 'CIFAR-10-C')).corruptions).toEqual(['contrast', 'fog']);
    for (const severity of [1, 3, 5]) {
      const source = await openCifarCSource(store, 'CIFAR-10-C', 'fog', severity);
      expect(source.count).toBe(7);
      expect(Array.from(source.labels)).toEqual(Array.from(labels));
      const batch = await source.readBatch(0, 7);
      for (let i = 0; i < 7; i++) expect(batch[i * 64 + 13]).toBe(pixelValue(severity, i));
      await source.close();
    }
    await expect(openCifarCSource(store, 'CIFAR-10-C', 'fog', 6)).rejects.toThrow(/severity must be 1…5/);
  });

  it('rejects files whose rows are not 5 × n, naming the file', async () => {
    const { dir } = makeTestBundle(tempDir(), { n: 4, cifarRows: 18 });
    await expect(openCifarCSource(folderStore(dir), 'CIFAR-10-C', 'fog', 1)).rejects.toThrow(/fog\.npy: 18 rows is not 5 severities × n images/);
  });
});
