// The image-source contract shared by the .npy, IDX, image-folder and CIFAR-10-C readers.
import { PruneLensError } from '../../../src-shared/base/errors';

export interface ImageSource {
  count: number;
  height: number;
  width: number;
  channels: number;
  /** Layout of what readBatch returns (always HWC per image). */
  layout: 'NHWC';
  /** Axis order in the file. */
  sourceLayout: 'NHWC' | 'NCHW' | 'NHW';
  dtype: 'uint8' | 'float32';
  /** One label per image (class index). */
  labels: Int32Array;
  /** Images [start, start+count) as count×H×W×C. */
  readBatch(start: number, count: number): Promise<Uint8Array | Float32Array>;
  close(): Promise<void>;
  /** e.g. "data/x.npy (.npy u1 10000×32×32×3, NHWC)". */
  description: string;
}

export function checkBatchRange(source: { count: number }, start: number, count: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > source.count) {
    throw new PruneLensError('bad-request', `batch ${start}…${start + count - 1} is outside 0…${source.count - 1}.`);
  }
}

export function checkLabelCount(labels: Int32Array, images: number, labelsLabel: string, imagesLabel: string): void {
  if (labels.length !== images) {
    throw new PruneLensError('bad-data', `${labelsLabel} has ${labels.length} labels but ${imagesLabel} has ${images} images.`, { file: labelsLabel });
  }
}
