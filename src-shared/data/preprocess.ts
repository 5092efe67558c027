// Pixels (HWC, uint8 or float) → the model's input tensor, per bundle.json `input`:
// x / scale, then (x − mean[c]) / std[c], laid out NCHW or NHWC.
import { PruneLensError } from '../api/errors';

export interface PreprocessSpec {
  layout: 'NCHW' | 'NHWC';
  scale: number;
  mean: number[];
  std: number[];
}

export interface ImageGeometry {
  height: number;
  width: number;
  /** Channels in the data (1 or 3). */
  channels: number;
}

/**
 * Channels the model wants. Gray data for an RGB model is replicated; anything else that does
 * not match is an error naming both sides.
 */
export function modelChannels(inputShape: (number | string | null)[], layout: PreprocessSpec['layout'], data: ImageGeometry): number {
  if (inputShape.length !== 4) {
    throw new PruneLensError('bad-data', `The model input has ${inputShape.length} dimensions [${inputShape.join(', ')}]; PruneLens feeds images as 4-D ${layout} tensors.`);
  }
  const [c, h, w] = layout === 'NCHW' ? [inputShape[1], inputShape[2], inputShape[3]] : [inputShape[3], inputShape[1], inputShape[2]];
  const channels = typeof c === 'number' ? c : data.channels;
  // Every mismatch at once (gray images feed a 3-channel model, replicated).
  const bad = [
    channels !== data.channels && !(data.channels === 1 && channels === 3) ? `channels ${channels}` : '',
    typeof h === 'number' && h !== data.height ? `height ${h}` : '',
    typeof w === 'number' && w !== data.width ? `width ${w}` : '',
  ].filter(Boolean);
  if (bad.length > 0) {
    throw new PruneLensError('bad-data', `model input [${inputShape.join(', ')}] (${layout}) expects ${bad.join(', ')}; the images are ${data.height}×${data.width}×${data.channels} (H×W×C). Check bundle.json input.layout.`);
  }
  return channels;
}

/** Fills `out` (count × model tensor) from `pixels` (count × H × W × dataChannels). */
export function preprocessBatch(pixels: Uint8Array | Float32Array, count: number, geometry: ImageGeometry, outChannels: number, spec: PreprocessSpec, out = new Float32Array(count * geometry.height * geometry.width * outChannels)): Float32Array {
  const { height, width, channels } = geometry;
  const plane = height * width;
  const scaleInv = 1 / spec.scale;
  const mul = new Float32Array(outChannels);
  const add = new Float32Array(outChannels);
  for (let c = 0; c < outChannels; c++) {
    const mean = spec.mean[spec.mean.length === 1 ? 0 : c];
    const std = spec.std[spec.std.length === 1 ? 0 : c];
    if (mean === undefined || std === undefined) throw new PruneLensError('bad-manifest', `input.mean/std has ${spec.mean.length} entries but the model has ${outChannels} channels.`);
    mul[c] = scaleInv / std; // (x/scale − mean)/std = x·(1/(scale·std)) − mean/std
    add[c] = -mean / std;
  }
  for (let n = 0; n < count; n++) {
    const src = n * plane * channels;
    const dst = n * plane * outChannels;
    for (let p = 0; p < plane; p++) {
      for (let c = 0; c < outChannels; c++) {
        const value = pixels[src + p * channels + (channels === 1 ? 0 : c)];
        const index = spec.layout === 'NCHW' ? dst + c * plane + p : dst + p * outChannels + c;
        out[index] = value * mul[c] + add[c];
      }
    }
  }
  return out;
}
