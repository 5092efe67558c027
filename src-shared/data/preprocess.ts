// Pixels (HWC, uint8 or float) → the model's input tensor, per bundle.json `input`:
// x / scale, then (x − mean[c]) / std[c], laid out NCHW or NHWC.
import { PruneLensError } from '../base/errors';

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
  // One strided pass per (image, output channel). For 8-bit data a 256-entry table per channel
  // holds exactly the value the formula gives (it is the same float32 rounding of the same double).
  const nchw = spec.layout === 'NCHW';
  const tables = pixels instanceof Uint8Array ? Array.from({ length: outChannels }, (_, c) => byteTable(mul[c], add[c])) : null;
  for (let n = 0; n < count; n++) {
    const src = n * plane * channels;
    const dst = n * plane * outChannels;
    for (let c = 0; c < outChannels; c++) {
      const from = src + (channels === 1 ? 0 : c);
      const to = nchw ? dst + c * plane : dst + c;
      const step = nchw ? 1 : outChannels;
      if (tables) mapBytes(pixels as Uint8Array, from, channels, out, to, step, plane, tables[c]);
      else mapFloats(pixels as Float32Array, from, channels, out, to, step, plane, mul[c], add[c]);
    }
  }
  return out;
}

/** out(v) = v·mul + add for every byte value, rounded to float32 once (as the per-pixel formula is). */
function byteTable(mul: number, add: number): Float32Array {
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) table[v] = v * mul + add;
  return table;
}

function mapBytes(src: Uint8Array, from: number, srcStep: number, out: Float32Array, to: number, outStep: number, length: number, table: Float32Array): void {
  for (let p = 0; p < length; p++) out[to + p * outStep] = table[src[from + p * srcStep]];
}

function mapFloats(src: Float32Array, from: number, srcStep: number, out: Float32Array, to: number, outStep: number, length: number, mul: number, add: number): void {
  for (let p = 0; p < length; p++) out[to + p * outStep] = src[from + p * srcStep] * mul + add;
}
