// The image adapter's occlusion (InputAdapter.occlusion): the original followed by one copy per
// patch position with that patch filled with the image's mean value, in one batch, and each
// pixel's attribution the mean change over the patches that cover it.
import type { ImageGeometry } from '../../../../src-shared/data/preprocess';
import type { InputSchema, Occlusion, OcclusionRequest, PerturbationData } from '../input-adapter';
import { imageBatcher } from './image-batch';
import type { ImageBatch } from './image-batch';
import { imageSamplePictures } from './image-pictures';

export interface OcclusionBatch {
  /** Top-left corners, [x, y]; copy k + 1 of `pixels` hides the patch at positions[k]. */
  positions: [number, number][];
  /** (positions.length + 1) × H × W × C: the original first. */
  pixels: Uint8Array<ArrayBuffer>;
  count: number;
}

export function occludedCopies(image: Uint8Array, geometry: ImageGeometry, patch: number, stride: number): OcclusionBatch {
  const { width, height, channels } = geometry;
  const positions: [number, number][] = [];
  for (let y = 0; y + patch <= height; y += stride) for (let x = 0; x + patch <= width; x += stride) positions.push([x, y]);
  const size = width * height * channels;
  const pixels = new Uint8Array((positions.length + 1) * size);
  pixels.set(image, 0);
  const fill = Math.round(image.reduce((a, b) => a + b, 0) / image.length);
  positions.forEach(([x0, y0], k) => {
    const copy = pixels.subarray((k + 1) * size, (k + 2) * size);
    copy.set(image);
    for (let y = y0; y < y0 + patch; y++) for (let x = x0; x < x0 + patch; x++) for (let c = 0; c < channels; c++) copy[(y * width + x) * channels + c] = fill;
  });
  return { positions, pixels, count: positions.length + 1 };
}

/** The sample's pixels (as the sample view shows them) occluded by patches of `patch` pixels every `stride` (defaults: about a seventh of the side, half a patch). */
export async function imageOcclusion(data: PerturbationData, schema: InputSchema, request: OcclusionRequest): Promise<Occlusion<ImageBatch>> {
  const { index, set } = request;
  const clean = set.corruption === 'clean';
  const images = await imageSamplePictures(data, index, clean ? undefined : set.corruption, clean ? [] : [set.severity]);
  const pixels = clean ? images.clean : images.corrupted[0].data;
  const { width, height, channels, label } = images;
  const patch = request.patch ?? Math.max(2, Math.round(Math.min(width, height) / 7));
  const stride = request.stride ?? Math.max(1, Math.floor(patch / 2));
  // Pixels to the worker, preprocessed there as extraction batches are (the same numbers).
  const batchOf = imageBatcher(schema, data.source, data.preprocessing);
  const { positions, pixels: occluded, count } = occludedCopies(pixels, { width, height, channels }, patch, stride);
  const cover = new Float32Array(width * height);
  for (const [x0, y0] of positions) for (let y = y0; y < y0 + patch; y++) for (let x = x0; x < x0 + patch; x++) cover[y * width + x]++;
  return {
    batch: batchOf(occluded, count), count, transfer: [occluded.buffer], label, width, height, patch, stride,
    attribute(change) {
      const map = new Float32Array(width * height);
      positions.forEach(([x0, y0], k) => {
        const delta = change(k);
        for (let y = y0; y < y0 + patch; y++) for (let x = x0; x < x0 + patch; x++) map[y * width + x] += delta;
      });
      return map.map((v, p) => (cover[p] > 0 ? v / cover[p] : 0));
    },
  };
}
