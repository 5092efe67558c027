// What an image batch carries to the worker (raw pixels, 4× smaller than the tensor for 8-bit
// data, preprocessed there, off the engine thread) and the NCHW/NHWC dims of the tensor it becomes.
import { modelChannels } from '../../../../src-shared/data/preprocess';
import type { ImageGeometry, PreprocessSpec } from '../../../../src-shared/data/preprocess';
import type { InputSchema, InputSpec } from '../input-adapter';

export interface ImageBatch {
  kind: 'image';
  /** count × H × W × geometry.channels (HWC per image), uint8 or float. */
  pixels: Uint8Array | Float32Array;
  count: number;
  geometry: ImageGeometry;
  /** Channels of the model's input (gray data for an RGB model is replicated). */
  channels: number;
  spec: PreprocessSpec;
  /** Set when other models' tasks of the same batch make the same tensor: preprocessed once, shared (shared-input.ts). */
  shared?: SharedInput;
}

/** A batch's preprocessed tensor shared by its models' tasks, and its state word (each over a SharedArrayBuffer; shared-input.ts). */
export interface SharedInput {
  tensor: Float32Array;
  state: Int32Array;
}

/** The image input of an image schema (the image adapter's schema has exactly one input). */
export function imageInput(schema: InputSchema): InputSpec {
  if (schema.kind !== 'image' || schema.inputs.length !== 1) throw new Error(`not an image input schema: ${schema.kind}, ${schema.inputs.length} inputs`);
  return schema.inputs[0];
}

/** The input tensor's dims for `count` images in the spec's layout. */
export function imageDims(count: number, geometry: Pick<ImageGeometry, 'height' | 'width'>, channels: number, layout: PreprocessSpec['layout']): number[] {
  const { height, width } = geometry;
  return layout === 'NCHW' ? [count, channels, height, width] : [count, height, width, channels];
}

/** Channels of the model's image input for these images; throws when its rank, channels or size do not fit (modelChannels' error names both sides). */
export function imageChannels(schema: InputSchema, layout: PreprocessSpec['layout'], geometry: ImageGeometry): number {
  return modelChannels(imageInput(schema).shape, layout, geometry);
}

/** Builds batches of `geometry` images for a model's image input, checked once, up front (imageChannels). */
export function imageBatcher(schema: InputSchema, geometry: ImageGeometry, spec: PreprocessSpec): (pixels: Uint8Array | Float32Array, count: number) => ImageBatch {
  const plain = { height: geometry.height, width: geometry.width, channels: geometry.channels }; // structured-cloneable
  const channels = imageChannels(schema, spec.layout, plain);
  return (pixels, count) => ({ kind: 'image', pixels, count, geometry: plain, channels, spec });
}
