import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectOnlyPruneLensErrorsAsync, mutatedBytes } from '../../../tools/fixtures/formats/fuzz-helpers';
import { makeTestBundle, pixelValue, tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
import { openArchiveStore } from './bundle-archive';
import { loadBundle } from './bundle-loader';
import { openCleanSource } from '../data-sources/data-source';
import { openCifarCSource } from '../data-sources/data-source-cifar-c';

/** Zips a folder: .npy stored (so it is read by byte ranges), everything else deflated. */
function zipFolder(dir: string): Uint8Array {
  const files: Zippable = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else files[r] = [new Uint8Array(readFileSync(path.join(dir, r))), { level: name.endsWith('.npy') ? 0 : 6 }];
    }
  };
  walk('');
  return zipSync(files);
}

describe('.plbundle archives', () => {
  const { dir } = makeTestBundle(tempDir(), { n: 6 });
  const archive = path.join(tempDir(), 'test.plbundle');
  writeFileSync(archive, zipFolder(dir));

  it('opens like the folder it was made from', async () => {
    const folder = await loadBundle(dir);
    const packed = await loadBundle(archive);
    expect(packed.dir).toBe(archive);
    expect(packed.manifest).toEqual(folder.manifest);
    expect(packed.summary.models.map((m) => m.card?.head)).toEqual(folder.summary.models.map((m) => m.card?.head));
    expect(packed.summary.models.every((m) => m.card && !m.error)).toBe(true);
    await packed.store.close();
  });

  it('reads data from stored entries by range and slices CIFAR-10-C severities', async () => {
    const store = await openArchiveStore(archive);
    const clean = await openCleanSource(store, { images: 'data/images.npy', labels: 'data/labels.npy' });
    expect(Array.from((await clean.readBatch(3, 1)).subarray(0, 3))).toEqual([pixelValue(0, 3), pixelValue(0, 3), pixelValue(0, 3)]);
    const fog = await openCifarCSource(store, 'CIFAR-10-C', 'fog', 4);
    expect((await fog.readBatch(5, 1))[0]).toBe(pixelValue(4, 5));
    expect((await store.list('')).map((e) => e.name)).toEqual(['CIFAR-10-C', 'bundle.json', 'data', 'models']);
    await store.close();
  });

  it('refuses path traversal and zip bombs', async () => {
    const evil = path.join(tempDir(), 'evil.plbundle');
    writeFileSync(evil, zipSync({ 'bundle.json': new Uint8Array(2), '../../etc/passwd': new Uint8Array(1) }));
    await expect(openArchiveStore(evil)).rejects.toThrow(/entry '\.\.\/\.\.\/etc\/passwd' has an unsafe path/);
    const bomb = zipSync({ 'bundle.json': [new Uint8Array(4000), { level: 9 }] });
    const view = new DataView(bomb.buffer);
    const cd = view.getUint32(bomb.length - 6, true);
    view.setUint32(cd + 24, 4_000_000_000, true); // declared uncompressed size
    const bombFile = path.join(tempDir(), 'bomb.plbundle');
    writeFileSync(bombFile, bomb);
    await expect(openArchiveStore(bombFile)).rejects.toThrow(/compression ratio \(zip bomb\?\)/);
  });

  it('never fails with anything but PruneLensError on a mutated archive', async () => {
    const small = zipFolder(makeTestBundle(tempDir(), { n: 2, cifarRows: null, models: [{ id: 'dense', file: 'headless', role: 'dense' }] }).dir);
    const scratch = tempDir();
    let k = 0;
    await expectOnlyPruneLensErrorsAsync(
      fc.oneof(mutatedBytes(small), fc.uint8Array({ maxLength: 200 })),
      async (bytes) => {
        const file = path.join(scratch, `m${k++}.plbundle`);
        writeFileSync(file, bytes);
        const store = await openArchiveStore(file);
        try {
          for (const name of ['bundle.json', 'models/dense.onnx', 'data/images.npy']) if (await store.stat(name)) await store.readFile(name, name);
          await loadBundle(file).then((b) => b.store.close());
        } finally {
          await store.close();
        }
      },
      3000,
      80,
    );
  });
});
