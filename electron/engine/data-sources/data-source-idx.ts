// IDX (MNIST-family) sources: small, so the file is decompressed into memory once — in the unpack
// worker (a gzip bomb never blocks the event loop), with its failure remembered per file identity.
import { PruneLensError } from '../../../src-shared/base/errors';
import { idxLabels, idxRows, MAX_IDX_BYTES, openIdx } from '../../../src-shared/formats/idx';
import { isGzip } from '../../../src-shared/formats/inflate-capped';
import type { BundleStore } from '../bundle/bundle-archive-store';
import { checkBatchRange } from './data-source-base';
import type { ImageSource } from './data-source-base';
import { matchFile, openLabelled, sniffDataFormat } from './data-source-reader';
import type { DataSourceReader } from './data-source-reader';
import { testFirst } from './scan-folder';
import type { CleanProposal } from './scan-folder';
import { withFailureMemo } from '../unpack/failure-memo';
import { unpackOffThread } from '../unpack/unpack-pool';

const MAX_COMPRESSED_IDX_BYTES = 512 * 1024 * 1024;
/** Largest decompressed IDX file held in memory (MNIST's training images are 47 MB). */
export const MAX_INFLATED_IDX_BYTES = Math.min(MAX_IDX_BYTES, 256 * 1024 * 1024);

async function readIdx(store: BundleStore, relative: string, what: string) {
  const label = store.label(relative);
  const key = (await store.identity?.(relative)) ?? null;
  return withFailureMemo(key, async () => {
    const bytes = await store.readFile(relative, what, MAX_COMPRESSED_IDX_BYTES);
    const raw = isGzip(bytes) ? await unpackOffThread({ kind: 'gzip', input: bytes, maxBytes: MAX_INFLATED_IDX_BYTES, fileLabel: label }) : bytes;
    if (isGzip(raw)) throw new PruneLensError('bad-data', `${label}: gzip inside gzip is not an IDX file.`, { file: label });
    return { label, file: openIdx(raw, label, MAX_INFLATED_IDX_BYTES) };
  });
}

export async function readIdxLabels(store: BundleStore, relative: string): Promise<Int32Array> {
  const { label, file } = await readIdx(store, relative, 'Labels file');
  if (file.header.shape.length > 2 || (file.header.shape.length === 2 && file.header.shape[1] !== 1)) {
    throw new PruneLensError('bad-data', `${label}: labels must have shape (N,) or (N, 1), found (${file.header.shape.join(', ')}).`, { file: label });
  }
  return idxLabels(file, label);
}

export async function openIdxSource(store: BundleStore, relative: string, labels: Int32Array): Promise<ImageSource> {
  const { label, file } = await readIdx(store, relative, 'Images file');
  const { shape, type } = file.header;
  if (shape.length !== 3 && shape.length !== 4) throw new PruneLensError('bad-data', `${label}: IDX images have shape (${shape.join(', ')}); expected N×H×W or N×H×W×C.`, { file: label });
  const source: ImageSource = {
    count: shape[0],
    height: shape[1],
    width: shape[2],
    channels: shape.length === 4 ? shape[3] : 1,
    layout: 'NHWC',
    sourceLayout: shape.length === 4 ? 'NHWC' : 'NHW',
    dtype: type === 'u1' ? 'uint8' : 'float32',
    labels,
    async readBatch(start, count) {
      checkBatchRange(source, start, count);
      return idxRows(file, start, count);
    },
    async close() {},
    description: `${relative} (IDX ${type} ${shape.join('×')})`,
  };
  return source;
}

/** For `init`: an images (or idx3) file paired with the labels (or idx1) file of its name stem, else the first labels file, that reads. */
async function proposeIdxPair(store: BundleStore, found: readonly string[]): Promise<CleanProposal | null> {
  const files = found.filter((f) => /ubyte(\.gz)?$/i.test(f));
  const images = files.filter((f) => /images|idx3/i.test(f)).sort(testFirst);
  const labels = files.filter((f) => /labels|idx1/i.test(f)).sort(testFirst);
  for (const image of images) {
    const stem = image.replace(/images.*$/i, '').replace(/idx3.*$/i, '');
    const label = labels.find((l) => l.startsWith(stem)) ?? labels[0];
    if (label) {
      try {
        await readIdxLabels(store, label);
        return { spec: { images: image, labels: label, format: 'idx' }, confidence: 1 };
      } catch {
        // not a readable labels file: try the next pair
      }
    }
  }
  return null;
}

/** The IDX input kind, raw or gzipped (data-source-registry.ts). */
export const idxReader: DataSourceReader = {
  kind: 'idx',
  match: (entry) => matchFile(entry, 'idx', (head) => ['idx', 'idx-gz'].includes(sniffDataFormat(head) ?? '')),
  open: (entry, ctx) => openLabelled(entry, ctx, (labels) => openIdxSource(entry.store, entry.spec.images, labels)),
  scan: { looksLike: 'IDX images + labels', files: proposeIdxPair },
};
