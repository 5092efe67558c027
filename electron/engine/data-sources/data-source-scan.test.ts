// The init wizard's folder scan: what it finds for every built-in kind (an .npy pair, an IDX pair,
// an image folder, a CIFAR-10-C folder, decoys beside them), and that it finds a kind registered
// only in this test, clean or corrupted, through the registries alone.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeIdxU8 } from '../../../src-shared/formats/idx';
import { writeNpy } from '../../../src-shared/formats/npy';
import { makeTestBundle, tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
import { folderStore } from '../bundle/bundle-archive-store';
import type { CorruptedSetReader, CorruptedSpec } from './corrupted-set-reader';
import { cifarCReader } from './data-source-cifar-c';
import type { DataSourceReader } from './data-source-reader';
import { corruptedSetReaders, createReaderRegistry, dataSourceReaders } from './data-source-registry';
import { scanBundleFolder } from './data-source-scan';
import { npyReader as npyReaderOnly } from './data-source-npy';

const png = fileURLToPath(new URL('../../../tools/fixtures/formats/rgb8.png', import.meta.url));

function write(dir: string, relative: string, bytes: Uint8Array | string) {
  mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  writeFileSync(path.join(dir, relative), bytes);
}

function imageFolder(dir: string, relative: string, classes: string[]) {
  for (const c of classes) {
    mkdirSync(path.join(dir, relative, c), { recursive: true });
    copyFileSync(png, path.join(dir, relative, c, 'a.png'));
  }
}

describe('init folder scan, built-in kinds', () => {
  it('pairs .npy images with labels of the same row count, test before train, and finds the CIFAR-10-C folder', async () => {
    const { dir } = makeTestBundle(tempDir());
    write(dir, 'train/images.npy', writeNpy(new Uint8Array(4 * 64), [4, 8, 8]));
    write(dir, 'train/labels.npy', writeNpy(Int32Array.from([0, 1, 2, 0]), [4]));
    write(dir, 'junk.npy', 'not an npy file');
    imageFolder(dir, 'photos', ['cat', 'dog']); // an .npy pair wins over an image folder
    const scan = await scanBundleFolder(folderStore(dir));
    expect(scan.models).toEqual(['models/channels.onnx', 'models/dense.onnx', 'models/l1-50.onnx']);
    expect(scan.clean).toEqual({ images: 'data/images.npy', labels: 'data/labels.npy', format: 'npy' });
    expect(scan.classNames).toBeNull();
    expect(scan.corrupted).toEqual({ cifarC: { dir: 'CIFAR-10-C' } });
    expect(scan.notes).toContainEqual(expect.stringMatching(/^skipped junk\.npy: /));
    expect(scan.notes).toContainEqual('clean test set: data/images.npy (.npy uint8 10×8×8, NHW)');
    // The CIFAR-10-C files are never offered as a clean pair, even when nothing else is there.
    const only = makeTestBundle(tempDir()).dir;
    write(only, 'data/images.npy', 'gone');
    write(only, 'data/labels.npy', 'gone');
    const alone = await scanBundleFolder(folderStore(only));
    expect(alone.clean).toBeNull();
    expect(alone.corrupted).toEqual({ cifarC: { dir: 'CIFAR-10-C' } });
    expect(alone.notes).toContainEqual(expect.stringMatching(/^no clean test set found \(/));
    // A second CIFAR-10-C folder: the first in walk order is used, and the note says so.
    write(only, 'more/C/labels.npy', writeNpy(Int32Array.from([0]), [1]));
    write(only, 'more/C/fog.npy', writeNpy(new Uint8Array(64), [1, 8, 8]));
    const two = await scanBundleFolder(folderStore(only));
    expect(two.corrupted).toEqual({ cifarC: { dir: 'CIFAR-10-C' } });
    expect(two.notes).toContainEqual('several precomputed corrupted sets (CIFAR-10-C layout in CIFAR-10-C; CIFAR-10-C layout in more/C); using CIFAR-10-C.');
  });

  it('names the images it found when their labels are missing, and what a labels file must be', async () => {
    const dir = tempDir();
    write(dir, 'data/test_images.npy', writeNpy(new Uint8Array(5 * 64), [5, 8, 8]));
    write(dir, 'data/ids.npy', writeNpy(Int32Array.from([0, 1, 2]), [3])); // labels of another length
    const scan = await scanBundleFolder(folderStore(dir));
    expect(scan.clean).toBeNull();
    expect(scan.notes).toContainEqual('found data/test_images.npy (5 images) but no labels for it: put them beside it as an integer .npy of shape (5,) or (5, 1), e.g. data/test_labels.npy; the integer arrays found have 3 rows (data/ids.npy).');
    write(dir, 'data/test_labels.npy', writeNpy(Int32Array.from([0, 1, 2, 0, 1]), [5]));
    const fixed = await scanBundleFolder(folderStore(dir));
    expect(fixed.clean).toEqual({ images: 'data/test_images.npy', labels: 'data/test_labels.npy', format: 'npy' });
    expect(fixed.notes.filter((n) => n.includes('no labels'))).toEqual([]);
  });

  it('pairs IDX images with labels by name, and takes the test-named image folder with its class names', async () => {
    const idx = tempDir();
    write(idx, 'm.onnx', '');
    write(idx, 'mnist/train-images-idx3-ubyte', writeIdxU8(new Uint8Array(3 * 4), [3, 2, 2]));
    write(idx, 'mnist/t10k-images-idx3-ubyte', writeIdxU8(new Uint8Array(2 * 4), [2, 2, 2]));
    write(idx, 'mnist/t10k-labels-idx1-ubyte', writeIdxU8(Uint8Array.from([1, 0]), [2]));
    write(idx, 'mnist/train-labels-idx1-ubyte', writeIdxU8(Uint8Array.from([1, 0, 1]), [3]));
    const idxScan = await scanBundleFolder(folderStore(idx));
    expect(idxScan.clean).toEqual({ images: 'mnist/t10k-images-idx3-ubyte', labels: 'mnist/t10k-labels-idx1-ubyte', format: 'idx' });
    expect(idxScan.corrupted).toBeNull();
    expect(idxScan.notes).toContainEqual('clean test set: mnist/t10k-images-idx3-ubyte (IDX u1 2×2×2)');

    const folders = tempDir();
    write(folders, 'm.onnx', '');
    imageFolder(folders, 'data/train', ['x', 'y', 'z']);
    imageFolder(folders, 'data/val', ['cat', 'dog']);
    imageFolder(folders, 'other/one', ['only']); // one class subfolder: not an image folder
    const folderScan = await scanBundleFolder(folderStore(folders));
    expect(folderScan.clean).toEqual({ images: 'data/val', format: 'image-folder' });
    expect([...folderScan.classNames!].sort()).toEqual(['cat', 'dog']);
    expect(folderScan.notes).toContainEqual(expect.stringMatching(/^clean test set: data\/val\/ \(image folder, 2 images/));
  });
});

/** Test-only clean kind: a `.csv-test` file of "label,pixels…" rows, found by the scan on its own. */
const csvReader: DataSourceReader = {
  kind: 'csv-test',
  match: async ({ isDir, spec }) => (!isDir && spec.images.endsWith('.csv-test') ? 1 : false),
  open: async () => { throw new Error('not opened in this test'); },
  scan: {
    looksLike: '.csv-test rows',
    files: async (_store, files) => {
      const csv = files.find((f) => f.endsWith('.csv-test'));
      return csv ? { spec: { images: csv }, confidence: 1 } : null;
    },
  },
};

/** Test-only corrupted layout: a folder holding LAYOUT.txt. */
const layoutReader: CorruptedSetReader = {
  ...cifarCReader,
  kind: 'layout-test',
  match: (corrupted) => ('layoutTest' in corrupted ? (corrupted as unknown as { layoutTest: string }).layoutTest : null),
  scan: async (_store, folder) => (folder.files.includes('LAYOUT.txt') ? ({ layoutTest: folder.dir } as unknown as CorruptedSpec) : null),
};

describe('init folder scan, kinds registered only here', () => {
  it('finds a new clean kind and a new corrupted layout with no change to the scan', async () => {
    const dir = tempDir();
    write(dir, 'm.onnx', '');
    write(dir, 'data/x.csv-test', '0,1,2\n1,3,4\n');
    write(dir, 'shifted/LAYOUT.txt', 'test layout');
    write(dir, 'shifted/inside.csv-test', '0,1,2\n'); // inside a claimed folder: never offered
    // First in the list: its match() ties with image-folder's (1 for a file named without labels or format).
    const registries = { clean: createReaderRegistry([csvReader, ...dataSourceReaders.readers]), corrupted: [...corruptedSetReaders, layoutReader] };
    const scan = await scanBundleFolder(folderStore(dir), registries);
    expect(scan.clean).toEqual({ images: 'data/x.csv-test' });
    expect(scan.corrupted).toEqual({ layoutTest: 'shifted' });
    expect(scan.notes).toContainEqual('the clean data found does not open: not opened in this test');
    // Without the registrations the same folder holds nothing the scan knows.
    const plain = await scanBundleFolder(folderStore(dir));
    expect(plain.clean).toBeNull();
    expect(plain.corrupted).toBeNull();
    expect(plain.notes).toContainEqual('no clean test set found (a folder of class subfolders, .npy images + labels, or IDX images + labels).');
    // A proposal that the registry's match() gives to another kind is not taken: bundle.json would open it with that one.
    const after = await scanBundleFolder(folderStore(dir), { ...registries, clean: createReaderRegistry([...dataSourceReaders.readers, csvReader]) });
    expect(after.clean).toBeNull();
    expect(after.notes).toContainEqual('data/x.csv-test: proposed as csv-test, but read as image-folder; not used.');
    const misfit: DataSourceReader = { ...csvReader, kind: 'misfit-test', match: async () => false };
    const refused = await scanBundleFolder(folderStore(dir), { ...registries, clean: createReaderRegistry([misfit, npyReaderOnly]) });
    expect(refused.clean).toBeNull();
    expect(refused.notes).toContainEqual(expect.stringMatching(/^data\/x\.csv-test: proposed as misfit-test, but .*no input kind recognises it \(tried misfit-test, npy\)/));
  });
});
