// .npy image sources read in row chunks through a file handle (or archive byte ranges):
// only the header and the requested rows are ever read.
import { PruneLensError, toErrorPayload } from '../../../src-shared/base/errors';
import { parseNpyHeader } from '../../../src-shared/formats/npy';
import type { NpyHeader } from '../../../src-shared/formats/npy';
import { npyBytesToLabels, npyBytesToPixels, npyRowLayout, npyRowRange } from '../../../src-shared/formats/npy-rows';
import type { NpyRowLayout } from '../../../src-shared/formats/npy-rows';
import type { BundleStore, RandomAccessFile } from '../bundle/bundle-archive-store';
import { checkBatchRange } from './data-source-base';
import type { ImageSource } from './data-source-base';
import { matchFile, openLabelled, sniffDataFormat } from './data-source-reader';
import type { DataSourceReader } from './data-source-reader';
import { testFirst } from './scan-folder';
import type { CleanProposal } from './scan-folder';

const MAX_LABEL_FILE_BYTES = 256 * 1024 * 1024;

/** Reads and checks the header (and the file length it implies). */
export async function readNpyHeader(file: RandomAccessFile, label: string): Promise<{ header: NpyHeader; rows: NpyRowLayout }> {
  const prefix = await file.read(0, Math.min(12, file.size));
  let headerBytes = prefix;
  if (prefix.length >= 12 && prefix[0] === 0x93) {
    const view = new DataView(prefix.buffer, prefix.byteOffset, 12);
    const total = prefix[6] === 1 ? 10 + view.getUint16(8, true) : 12 + view.getUint32(8, true);
    headerBytes = await file.read(0, Math.min(file.size, total, 12 + (1 << 20)));
  }
  const header = parseNpyHeader(headerBytes, label);
  return { header, rows: npyRowLayout(header, file.size, label) };
}

export function imageGeometry(shape: number[], layout: 'NCHW' | 'NHWC' | undefined, label: string) {
  if (shape.length === 3) return { sourceLayout: 'NHW' as const, height: shape[1], width: shape[2], channels: 1 };
  if (shape.length !== 4) throw new PruneLensError('bad-data', `${label}: image array has shape (${shape.join(', ')}); expected N×H×W, N×H×W×C or N×C×H×W.`, { file: label });
  const isChannels = (d: number) => d === 1 || d === 3 || d === 4;
  const nchw = layout ? layout === 'NCHW' : isChannels(shape[1]) && !isChannels(shape[3]);
  return nchw
    ? { sourceLayout: 'NCHW' as const, channels: shape[1], height: shape[2], width: shape[3] }
    : { sourceLayout: 'NHWC' as const, height: shape[1], width: shape[2], channels: shape[3] };
}

/** C×H×W images → H×W×C, batch-wise. */
export function chwToHwc<T extends Uint8Array | Float32Array>(data: T, count: number, c: number, h: number, w: number): T {
  const out = new (data.constructor as { new (n: number): T })(data.length);
  const plane = h * w;
  for (let n = 0; n < count; n++) {
    const base = n * c * plane;
    for (let ch = 0; ch < c; ch++) for (let p = 0; p < plane; p++) out[base + p * c + ch] = data[base + ch * plane + p];
  }
  return out;
}

/** Rows `rowRange` of a .npy image file (all rows by default) as an image source. */
export async function openNpySource(
  store: BundleStore, relative: string, labels: Int32Array, layout?: 'NCHW' | 'NHWC', rowRange?: { start: number; count: number },
): Promise<ImageSource> {
  const label = store.label(relative);
  const file = await store.open(relative, 'Images file');
  try {
    const { header, rows } = await readNpyHeader(file, label);
    if (!['u1', 'f2', 'f4', 'f8'].includes(header.dtype)) throw new PruneLensError('bad-data', `${label}: images must be uint8, float16, float32 or float64 (found '${header.dtype}').`, { file: label });
    const geometry = imageGeometry(header.shape, layout, label);
    const first = rowRange?.start ?? 0;
    const count = rowRange?.count ?? rows.rows;
    if (first + count > rows.rows) throw new PruneLensError('bad-data', `${label}: has ${rows.rows} rows, needs ${first + count}.`, { file: label });
    const dtype = header.dtype === 'u1' ? 'uint8' : 'float32';
    const source: ImageSource = {
      count,
      ...geometry,
      layout: 'NHWC',
      dtype,
      labels,
      async readBatch(start, n) {
        checkBatchRange(source, start, n);
        const range = npyRowRange(header, rows, first + start, n);
        const pixels = npyBytesToPixels(header.dtype, await file.read(range.offset, range.length), label);
        return geometry.sourceLayout === 'NCHW' ? chwToHwc(pixels, n, geometry.channels, geometry.height, geometry.width) : pixels;
      },
      close: () => file.close(),
      description: `${relative} (.npy ${header.dtype === 'u1' ? 'uint8' : header.dtype} ${header.shape.join('×')}, ${geometry.sourceLayout}${rowRange ? `, rows ${first}…${first + count - 1}` : ''})`,
    };
    return source;
  } catch (error) {
    await file.close();
    throw error;
  }
}

/** Integer labels from a .npy file of shape (N,) or (N, 1). */
export async function readNpyLabels(store: BundleStore, relative: string): Promise<Int32Array> {
  const label = store.label(relative);
  const file = await store.open(relative, 'Labels file');
  try {
    if (file.size > MAX_LABEL_FILE_BYTES) throw new PruneLensError('bad-data', `${label}: a labels file of ${file.size} bytes is implausible.`, { file: label });
    const { header, rows } = await readNpyHeader(file, label);
    if (header.shape.length > 2 || (header.shape.length === 2 && header.shape[1] !== 1)) {
      throw new PruneLensError('bad-data', `${label}: labels must have shape (N,) or (N, 1), found (${header.shape.join(', ')}).`, { file: label });
    }
    return npyBytesToLabels(header.dtype, await file.read(header.dataOffset, rows.dataBytes), label);
  } finally {
    await file.close();
  }
}

/** For `init`: an images array (3-D or more) with an integer labels array of as many rows, test-named first. */
/** A labels file name to suggest for an images file: `test_images.npy` → `test_labels.npy`, else `<name>-labels.npy`. */
function labelsNameFor(images: string): string {
  const renamed = images.replace(/images?(?=[^/]*$)/i, 'labels');
  return renamed !== images ? renamed : images.replace(/\.npy$/i, '-labels.npy');
}

async function proposeNpyPair(store: BundleStore, found: readonly string[], notes: string[]): Promise<CleanProposal | null> {
  const images: { path: string; rows: number }[] = [];
  const labels: { path: string; rows: number }[] = [];
  for (const path of found.filter((f) => f.toLowerCase().endsWith('.npy'))) {
    const file = await store.open(path, '.npy file');
    try {
      const { header } = await readNpyHeader(file, store.label(path));
      const integer = ['u1', 'i1', 'i2', 'u2', 'i4', 'u4', 'i8'].includes(header.dtype);
      if (header.shape.length >= 3) images.push({ path, rows: header.shape[0] });
      else if (integer && (header.shape.length === 1 || header.shape[1] === 1)) labels.push({ path, rows: header.shape[0] });
    } catch (error) {
      notes.push(`skipped ${path}: ${toErrorPayload(error).message}`);
    } finally {
      await file.close();
    }
  }
  for (const image of images.sort((a, b) => testFirst(a.path, b.path))) {
    const match = labels.filter((l) => l.rows === image.rows).sort((a, b) => Number(/label/i.test(b.path)) - Number(/label/i.test(a.path)) || testFirst(a.path, b.path))[0];
    if (match) return { spec: { images: image.path, labels: match.path, format: 'npy' }, confidence: 1 };
  }
  // Images without labels: say which file was found and what a labels file must look like.
  for (const image of images) {
    const others = labels.length ? `; the integer arrays found have ${labels.map((l) => `${l.rows} rows (${l.path})`).join(', ')}` : '';
    notes.push(`found ${image.path} (${image.rows} images) but no labels for it: put them beside it as an integer .npy of shape (${image.rows},) or (${image.rows}, 1), e.g. ${labelsNameFor(image.path)}${others}.`);
  }
  return null;
}

/** The .npy input kind (data-source-registry.ts). */
export const npyReader: DataSourceReader = {
  kind: 'npy',
  match: (entry) => matchFile(entry, 'npy', (head) => sniffDataFormat(head) === 'npy'),
  open: (entry, ctx) => openLabelled(entry, ctx, (labels) => openNpySource(entry.store, entry.spec.images, labels, entry.spec.layout)),
  scan: { looksLike: '.npy images + labels', files: proposeNpyPair },
};
