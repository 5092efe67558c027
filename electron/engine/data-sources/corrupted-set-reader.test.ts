// Precomputed corrupted sets behind the registry: the CIFAR-10-C layout is one registered reader
// that the session and `validate` reach only through findCorruptedSetReader; its cache-key files
// are exactly the ones hashed before the seam (so caches stay valid); its check finds mismatches.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNpy } from '../../../src-shared/formats/npy';
import { makeTestBundle, pixelValue, tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
import { folderStore } from '../bundle/bundle-archive-store';
import type { CorruptedSetReader } from './corrupted-set-reader';
import type { Finding } from './data-check-helpers';
import { cifarCReader } from './data-source-cifar-c';
import { corruptedSetReaders, findCorruptedSetReader } from './data-source-registry';

describe('corrupted-set readers', () => {
  it('finds the CIFAR-10-C reader for a cifarC entry and none for generated corruptions', () => {
    expect(corruptedSetReaders).toContain(cifarCReader);
    expect(findCorruptedSetReader({ cifarC: { dir: 'C' } })).toEqual({ reader: cifarCReader, location: 'C' });
    expect(findCorruptedSetReader({ generate: { corruptions: ['fog'], severities: [1], seed: 0 } })).toBeNull();
    expect(findCorruptedSetReader(undefined)).toBeNull();
    // Registration order decides between readers that both claim an entry.
    const first: CorruptedSetReader = { ...cifarCReader, kind: 'first-test' };
    expect(findCorruptedSetReader({ cifarC: { dir: 'C' } }, [first, cifarCReader])?.reader.kind).toBe('first-test');
  });

  it('lists, opens and cache-keys CIFAR-10-C sets through the reader', async () => {
    const { dir, labels } = makeTestBundle(tempDir(), { n: 6 });
    const store = folderStore(dir);
    const found = findCorruptedSetReader({ cifarC: { dir: 'CIFAR-10-C' } })!;
    expect(await found.reader.list(store, found.location)).toEqual(['contrast', 'fog']);
    // The files hashed into a set's cache key, in the order the session hashed them before the seam.
    expect(found.reader.files(found.location, 'fog')).toEqual(['CIFAR-10-C/fog.npy', 'CIFAR-10-C/labels.npy']);
    // Provenance hashes every .npy the folder holds; the summary names the layout.
    expect((await found.reader.allFiles(store, found.location)).sort()).toEqual(['CIFAR-10-C/contrast.npy', 'CIFAR-10-C/fog.npy', 'CIFAR-10-C/labels.npy']);
    expect(await found.reader.allFiles(store, 'missing')).toEqual([]);
    expect(found.reader.describe(found.location)).toBe('CIFAR-10-C layout in CIFAR-10-C');
    const source = await found.reader.open(store, found.location, 'fog', 3);
    try {
      expect(source.count).toBe(6);
      expect(Array.from(source.labels)).toEqual(Array.from(labels));
      const batch = await source.readBatch(0, 6);
      for (let i = 0; i < 6; i++) expect(batch[i * 64]).toBe(pixelValue(3, i));
    } finally {
      await source.close();
    }
    const findings: Finding[] = [];
    await found.reader.check(store, found.location, { geometry: { count: 6, height: 8, width: 8, channels: 1, dtype: 'uint8' }, labels, classes: 3 }, findings);
    expect(findings).toEqual([]);
  });

  it('its check reports a count mismatch, a shape mismatch and a label range, naming the files', async () => {
    const { dir, labels } = makeTestBundle(tempDir(), { n: 4 });
    writeFileSync(path.join(dir, 'CIFAR-10-C', 'fog.npy'), writeNpy(new Uint8Array(20 * 16), [20, 4, 4, 1]));
    const findings: Finding[] = [];
    await cifarCReader.check(folderStore(dir), 'CIFAR-10-C', { geometry: { count: 5, height: 8, width: 8, channels: 1, dtype: 'uint8' }, labels, classes: 2 }, findings);
    expect(findings).toEqual([
      { level: 'error', where: 'CIFAR-10-C/labels.npy', message: 'labels range over 0…2, but bundle.json lists 2 classes (0…1).' },
      { level: 'error', where: 'CIFAR-10-C/labels.npy', message: '20 rows = 5 × 4 images per severity, but the clean set has 5 images.' },
      { level: 'error', where: 'CIFAR-10-C/fog.npy', message: 'images are 4×4×1, clean images are 8×8×1.' },
    ]);
  });
});
