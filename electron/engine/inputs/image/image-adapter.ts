// The image input adapter: a model with one float image input (NCHW or NHWC per bundle.json's
// input.layout), fed preprocessed pixels. A model with further inputs is refused up front, naming
// them: images are all the engine has to feed.
import type { onnx } from 'onnx-proto';
import { PruneLensError } from '../../../../src-shared/base/errors';
import { preprocessBatch } from '../../../../src-shared/data/preprocess';
import { valueInfoToTensorInfo } from '../../../../src-shared/onnx/tensor-info';
import { checkInputType } from '../../extraction/ort-io';
import { describeInput } from '../input-adapter';
import type { InputAdapter, InputSchema } from '../input-adapter';
import { imageBatcher, imageDims, imageInput } from './image-batch';
import type { ImageBatch } from './image-batch';
import { imageOcclusion } from './image-occlusion';
import { fillFromShared } from './shared-input';
import { imageSamplePictures } from './image-pictures';

const FLOAT_TYPES = new Set([1, 10, 11, 16]);
const isImageLike = (input: onnx.IValueInfoProto) => (input.type?.tensorType?.shape?.dim?.length ?? 0) === 4 && FLOAT_TYPES.has(input.type?.tensorType?.elemType ?? 1);

/** The graph input that holds the images: the first 4-D float input, else the first. */
export function imageInputOf<T extends onnx.IValueInfoProto>(inputs: readonly T[]): T | undefined {
  return inputs.find(isImageLike) ?? inputs[0];
}

export const imageAdapter: InputAdapter<ImageBatch> = {
  kind: 'image',
  // Also the fallback for any single input (its rank or type is then refused with the usual message).
  match: (inputs) => (inputs.some(isImageLike) ? 1 : 0.1),
  inputSchema(inputs, fileLabel): InputSchema {
    const at = fileLabel ? `${fileLabel}: ` : '';
    const file: Record<string, string> = fileLabel ? { file: fileLabel } : {};
    const image = imageInputOf(inputs);
    if (!image) throw new PruneLensError('bad-onnx', `${at}the model has no graph input.`, file);
    if (inputs.length > 1) {
      const others = inputs.filter((i) => i !== image).map((i) => `'${i.name ?? ''}'`);
      throw new PruneLensError(
        'bad-onnx',
        `${at}the model has ${inputs.length} inputs (${inputs.map(describeInput).join(', ')}); PruneLens feeds one image input ('${image.name ?? ''}') and cannot feed ${others.join(', ')}. Export the model with the image as its only input.`,
        { ...file, inputs: inputs.map((i) => i.name ?? '').join(', ') },
      );
    }
    const type = checkInputType(image, fileLabel);
    const { name, shape } = valueInfoToTensorInfo(image);
    return { kind: 'image', inputs: [{ name, type, shape }], ...(typeof shape[0] === 'number' && shape[0] > 0 ? { fixedBatch: shape[0] } : {}) };
  },
  batcher: imageBatcher,
  toFeeds(schema, batch, alloc) {
    const { pixels, count, geometry, channels, spec } = batch;
    const input = imageInput(schema);
    const data = alloc(count * geometry.height * geometry.width * channels);
    // Preprocessed here, or copied from another model's task of the same batch (shared-input.ts).
    fillFromShared(batch.shared, data, () => preprocessBatch(pixels, count, geometry, channels, spec, data));
    return { [input.name]: { type: input.type, dims: imageDims(count, geometry, channels, spec.layout), data } };
  },
  samplePictures: imageSamplePictures,
  occlusion: imageOcclusion,
};

/**
 * The bundle wizard's guess at a model's image input: the layout (NHWC when the last axis and not
 * the second looks like channels, unless given) and the images' channels × height × width (0 when
 * symbolic; [1, 0, 0] for an input that is not 4-D).
 */
export function guessImageInput(inputs: readonly onnx.IValueInfoProto[], layoutOption?: 'NCHW' | 'NHWC'): { layout: 'NCHW' | 'NHWC'; channels: number; height: number; width: number } {
  const inputShape = imageInputOf(inputs)?.type?.tensorType?.shape?.dim?.map((d) => Number(d.dimValue ?? 0)) ?? [];
  const isChannels = (d: number | undefined) => d === 1 || d === 3;
  const layout = layoutOption ?? (inputShape.length === 4 && !isChannels(inputShape[1]) && isChannels(inputShape[3]) ? 'NHWC' : 'NCHW');
  const [channels, height, width] = inputShape.length !== 4 ? [1, 0, 0] : layout === 'NCHW' ? [inputShape[1] || 1, inputShape[2], inputShape[3]] : [inputShape[3] || 1, inputShape[1], inputShape[2]];
  return { layout, channels, height, width };
}
