// IDX (MNIST-family) sources: small, so the file is decompressed into memory once.
import { PruneLensError } from '../../src-shared/api/errors';
import { idxLabels, idxRows, MAX_IDX_BYTES, openIdx } from '../../src-shared/formats/idx';
import type { BundleStore } from './bundle-archive-store';
import { checkBatchRange } from './data-source-base';
import type { ImageSource } from './data-source-base';

const MAX_COMPRESSED_IDX_BYTES = 512 * 1024 * 1024;

async function readIdx(store: BundleStore, relative: string, what: string) {
  const label = store.label(relative);
  return { label, file: openIdx(await store.readFile(relative, what, MAX_COMPRESSED_IDX_BYTES), label, MAX_IDX_BYTES) };
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
