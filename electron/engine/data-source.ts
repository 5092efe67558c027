// Image sources: what the inference engine reads test images from. Every source hands out
// batches as N×H×W×C (HWC per image), uint8 or float32, with integer labels for all rows.
import { PruneLensError } from '../../src-shared/api/errors';
import type { CleanDataSpec } from '../../src-shared/bundle/manifest';
import type { BundleStore } from './bundle-archive-store';
import { checkLabelCount } from './data-source-base';
import type { ImageSource } from './data-source-base';
import { openImageFolderSource } from './data-source-folder';
import { openIdxSource, readIdxLabels } from './data-source-idx';
import { openNpySource, readNpyLabels } from './data-source-npy';

export type { ImageSource } from './data-source-base';

/** Kind of a data file from its first bytes. */
export function sniffDataFormat(head: Uint8Array): 'npy' | 'idx' | 'idx-gz' | null {
  if (head.length >= 6 && head[0] === 0x93 && String.fromCharCode(...head.subarray(1, 6)) === 'NUMPY') return 'npy';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'idx-gz';
  if (head.length >= 4 && head[0] === 0 && head[1] === 0 && head[3] >= 1) return 'idx';
  return null;
}

async function sniffFile(store: BundleStore, relative: string, what: string) {
  const file = await store.open(relative, what);
  try {
    return sniffDataFormat(await file.read(0, Math.min(8, file.size)));
  } finally {
    await file.close();
  }
}

/** Labels from a .npy or IDX file (any integer type). */
export async function readLabels(store: BundleStore, relative: string): Promise<Int32Array> {
  const kind = await sniffFile(store, relative, 'Labels file');
  if (kind === 'npy') return readNpyLabels(store, relative);
  if (kind === 'idx' || kind === 'idx-gz') return readIdxLabels(store, relative);
  throw new PruneLensError('bad-data', `${store.label(relative)}: labels must be a .npy or IDX file.`, { file: store.label(relative) });
}

/** Opens the clean test set a bundle.json describes. */
export async function openCleanSource(store: BundleStore, spec: CleanDataSpec, classNames: string[] = []): Promise<ImageSource> {
  const info = await store.stat(spec.images);
  if (!info) throw new PruneLensError('not-found', `Images not found: ${store.label(spec.images)}`, { file: store.label(spec.images) });
  if (spec.format === 'image-folder' || (spec.labels === undefined && spec.format === undefined) || info.kind === 'dir') {
    if (info.kind !== 'dir') throw new PruneLensError('bad-data', `${store.label(spec.images)}: an image folder must be a folder with one subfolder per class.`, { file: store.label(spec.images) });
    return openImageFolderSource(store, spec.images, classNames);
  }
  if (spec.labels === undefined) throw new PruneLensError('bad-manifest', `data.clean.labels is required for ${spec.images}.`, { jsonPath: 'data.clean.labels' });
  const kind = spec.format === 'npy' ? 'npy' : spec.format === 'idx' ? 'idx' : await sniffFile(store, spec.images, 'Images file');
  const labels = await readLabels(store, spec.labels);
  const source = kind === 'npy' ? await openNpySource(store, spec.images, labels, spec.layout) : kind === 'idx' || kind === 'idx-gz' ? await openIdxSource(store, spec.images, labels) : null;
  if (!source) throw new PruneLensError('bad-data', `${store.label(spec.images)}: not a .npy or IDX file (set data.clean.format).`, { file: store.label(spec.images) });
  if (labels.length !== source.count) await source.close();
  checkLabelCount(labels, source.count, store.label(spec.labels), store.label(spec.images));
  return source;
}
