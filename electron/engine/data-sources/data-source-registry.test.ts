// Keeps the input-kind seam honest: a reader registered only here (a toy CSV kind) is chosen by
// the same find(match) path every built-in kind goes through, and confidence/explicit-format rules hold.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
import { writeIdxU8 } from '../../../src-shared/formats/idx';
import { writeNpy } from '../../../src-shared/formats/npy';
import { folderStore } from '../bundle/bundle-archive-store';
import { openCleanSource } from './data-source';
import { checkBatchRange } from './data-source-base';
import type { ImageSource } from './data-source-base';
import type { DataSourceReader } from './data-source-reader';
import { createReaderRegistry, dataSourceReaders } from './data-source-registry';
import { architectureSection, missingFiles, namedSourceFiles } from '../../../tools/testing/architecture-doc';

/** Test-only kind: one row per image, "label,p0,p1,…" with 1×W grayscale pixels. */
const csvReader: DataSourceReader = {
  kind: 'csv-test',
  match: async ({ isDir, spec }) => (!isDir && spec.images.endsWith('.csv') ? 1 : false),
  async open({ store, spec }) {
    const rows = new TextDecoder().decode(await store.readFile(spec.images, 'Images file')).trim().split('\n').map((line) => line.split(',').map(Number));
    const width = rows[0].length - 1;
    const pixels = Uint8Array.from(rows.flatMap((r) => r.slice(1)));
    const source: ImageSource = {
      count: rows.length, height: 1, width, channels: 1, layout: 'NHWC', sourceLayout: 'NHW', dtype: 'uint8',
      labels: Int32Array.from(rows.map((r) => r[0])),
      async readBatch(start, count) {
        checkBatchRange(source, start, count);
        return pixels.slice(start * width, (start + count) * width);
      },
      async close() {},
      description: `${spec.images} (csv-test)`,
    };
    return source;
  },
};

/** Test-only kind that claims every file with more confidence than a content sniff (0.5), less than an explicit format (1). */
const greedyReader: DataSourceReader = {
  kind: 'greedy-test',
  match: async ({ isDir }) => (isDir ? false : 0.9),
  open: async () => { throw new Error('greedy-test opened'); },
};

function bundleDir() {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'x.csv'), '2,10,20,30\n0,40,50,60\n1,70,80,90\n');
  writeFileSync(path.join(dir, 'x.npy'), writeNpy(Uint8Array.from({ length: 2 * 2 * 2 }, (_, i) => i), [2, 2, 2, 1]));
  writeFileSync(path.join(dir, 'y.npy'), writeNpy(Int32Array.from([1, 0]), [2]));
  writeFileSync(path.join(dir, 'x.idx'), writeIdxU8(Uint8Array.from({ length: 2 * 2 * 2 }, (_, i) => 7 * i), [2, 2, 2]));
  writeFileSync(path.join(dir, 'junk.bin'), 'not a data file');
  return dir;
}

describe('data-source reader registry', () => {
  const dir = bundleDir();
  const store = folderStore(dir);

  it('chooses a reader registered only in this test, through openCleanSource', async () => {
    const registry = createReaderRegistry([...dataSourceReaders.readers, csvReader]);
    const source = await openCleanSource(store, { images: 'x.csv', labels: 'y.npy' }, [], registry);
    expect(source.description).toBe('x.csv (csv-test)');
    expect([source.count, source.height, source.width, source.channels]).toEqual([3, 1, 3, 1]);
    expect(Array.from(source.labels)).toEqual([2, 0, 1]);
    expect(Array.from(await source.readBatch(1, 2))).toEqual([40, 50, 60, 70, 80, 90]);
    // Without the registration the same entry is refused, naming every kind tried.
    await expect(openCleanSource(store, { images: 'x.csv', labels: 'y.npy' })).rejects.toThrow(/x\.csv: no input kind recognises it \(tried image-folder, npy, idx\); set data\.clean\.format/);
  });

  it('picks the built-in kinds by content, and an explicit format over a more confident guess', async () => {
    expect((await openCleanSource(store, { images: 'x.npy', labels: 'y.npy' })).description).toMatch(/^x\.npy \(\.npy/);
    expect((await openCleanSource(store, { images: 'x.idx', labels: 'y.npy' })).description).toMatch(/^x\.idx \(IDX u1 2×2×2\)/);
    const greedy = createReaderRegistry([...dataSourceReaders.readers, greedyReader]);
    await expect(openCleanSource(store, { images: 'x.npy', labels: 'y.npy' }, [], greedy)).rejects.toThrow('greedy-test opened');
    const explicit = await openCleanSource(store, { images: 'x.npy', labels: 'y.npy', format: 'npy' }, [], greedy);
    expect(Array.from(await explicit.readBatch(1, 1))).toEqual([4, 5, 6, 7]);
  });

  it('refuses unknown content with one error listing the kinds, and duplicate kinds at registration', async () => {
    await expect(openCleanSource(store, { images: 'junk.bin', labels: 'y.npy' })).rejects.toMatchObject({ code: 'bad-data', message: expect.stringContaining('tried image-folder, npy, idx') });
    expect(() => createReaderRegistry([...dataSourceReaders.readers, { ...csvReader, kind: 'npy' }])).toThrow(/duplicate data-source reader kind/);
  });

  it('matches the walk-through in docs/ARCHITECTURE.md: every file it names exists, every registered kind is listed', () => {
    const section = architectureSection('## How to add an input kind');
    const named = namedSourceFiles(section);
    expect(named.length).toBeGreaterThanOrEqual(10);
    expect(missingFiles(named, ['electron/engine', 'electron/engine/data-sources'])).toEqual([]);
    for (const reader of dataSourceReaders.readers) expect(section).toContain(`\`${reader.kind}\``);
    for (const name of ['createReaderRegistry', 'dataSourceReaders', 'matchFile', 'openLabelled', 'data-source-registry.test.ts']) expect(section).toContain(name);
  });
});
