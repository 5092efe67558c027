// Image sources: what the inference engine reads test images from. Every source hands out
// batches as N×H×W×C (HWC per image), uint8 or float32, with integer labels for all rows.
// Which reader opens an entry is decided only by data-source-registry.ts.
import { PruneLensError } from '../../../src-shared/base/errors';
import type { CleanDataSpec } from '../../../src-shared/bundle/manifest';
import type { BundleStore } from '../bundle/bundle-archive-store';
import type { ImageSource } from './data-source-base';
import { readIdxLabels } from './data-source-idx';
import { readNpyLabels } from './data-source-npy';
import { sniffDataFormat } from './data-source-reader';
import type { SourceEntry } from './data-source-reader';
import { dataSourceReaders } from './data-source-registry';
import type { ReaderRegistry } from './data-source-registry';

export type { ImageSource } from './data-source-base';

async function readHead(store: BundleStore, relative: string, what: string): Promise<Uint8Array> {
  const file = await store.open(relative, what);
  try {
    return await file.read(0, Math.min(8, file.size));
  } finally {
    await file.close();
  }
}

/** Labels from a .npy or IDX file (any integer type). */
export async function readLabels(store: BundleStore, relative: string): Promise<Int32Array> {
  const kind = sniffDataFormat(await readHead(store, relative, 'Labels file'));
  if (kind === 'npy') return readNpyLabels(store, relative);
  if (kind === 'idx' || kind === 'idx-gz') return readIdxLabels(store, relative);
  throw new PruneLensError('bad-data', `${store.label(relative)}: labels must be a .npy or IDX file.`, { file: store.label(relative) });
}

/** What the readers' match() is asked about a data.clean entry; throws 'not-found' when its images are missing. */
export async function cleanEntry(store: BundleStore, spec: CleanDataSpec): Promise<SourceEntry> {
  const info = await store.stat(spec.images);
  if (!info) throw new PruneLensError('not-found', `Images not found: ${store.label(spec.images)}`, { file: store.label(spec.images) });
  const isDir = info.kind === 'dir';
  let head: Promise<Uint8Array> | undefined;
  return { store, spec, isDir, head: async () => (isDir ? null : (head ??= readHead(store, spec.images, 'Images file'))) };
}

/** Opens the clean test set a bundle.json describes, with the reader the registry picks for it. */
export async function openCleanSource(store: BundleStore, spec: CleanDataSpec, classNames: string[] = [], registry: ReaderRegistry = dataSourceReaders): Promise<ImageSource> {
  const entry = await cleanEntry(store, spec);
  const reader = await registry.find(entry);
  return reader.open(entry, { classNames, readLabels: (relative) => readLabels(store, relative) });
}
