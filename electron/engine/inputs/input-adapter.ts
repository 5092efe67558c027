// The input-adapter seam: what a model's graph inputs must be (`inputSchema`, derived from the
// model), how samples read from the data source are packed into batches (`batcher`) and how one
// batch becomes named, typed tensors (`toFeeds`, run in the worker), how a sample is shown (`samplePictures`) and perturbed (`occlusion`). Images are the one adapter today (image/);
// a second modality is one new folder with its adapter and batch type, registered in input-adapters.ts.
import type { onnx } from 'onnx-proto';
import type { SampleImages, SetRef } from '../../../src-shared/api/result-types';
import type { FrostTexture } from '../../../src-shared/corruptions/index';
import type { PreprocessSpec } from '../../../src-shared/data/preprocess';
import { valueInfoToTensorInfo } from '../../../src-shared/onnx/tensor-info';
import type { ImageSource } from '../data-sources/data-source-base';
import type { RuntimeFloatType } from '../extraction/ort-io';

/** One graph input the adapter feeds. */
export interface InputSpec {
  name: string;
  /** The element type it is fed in (bfloat16 inputs are cast to float32 inside the graph). */
  type: RuntimeFloatType;
  /** Declared dims: numbers, symbolic names, or null when unknown. */
  shape: (number | string | null)[];
}

/** Everything a model needs fed, as its adapter reads it from the graph. */
export interface InputSchema {
  /** The adapter that feeds it (and whose batches a task carries). */
  kind: string;
  /** Every graph input (initializers excluded), each fed by name. */
  inputs: InputSpec[];
  /** The inputs' fixed batch size (a numeric first dimension, 1 included); inference runs in chunks of it. */
  fixedBatch?: number;
}

/** A feed's values as float32, converted to `type` when the tensor is made (ort-io's inputTensor). */
export interface FeedTensor {
  type: RuntimeFloatType;
  /** [n, …]: every feed of a batch has the same first dimension. */
  dims: number[];
  data: Float32Array;
}

/** Named feeds for one session.run. */
export type Feeds = Record<string, FeedTensor>;

/** Scratch buffers for feeds (the worker reuses them from batch to batch). */
export type FeedAllocator = (length: number) => Float32Array<ArrayBuffer>;

/** What a sample's pictures are drawn from: the session's plan (extraction/extraction-plan.ts) as a sample view needs it. */
export interface SampleData {
  source: ImageSource;
  corruptionSeed: number;
  frostPhotos?: { textures: FrostTexture[] };
  /** Precomputed corrupted sets; without it corruptions are generated. */
  corruptedSource?: (set: SetRef) => Promise<ImageSource>;
}

/** What occlusion perturbs a sample with: the sample data plus the bundle's preprocessing (the plan's). */
export interface PerturbationData extends SampleData {
  preprocessing: PreprocessSpec;
}

/** The sample to occlude (index in range) and the patch options the user gave. */
export interface OcclusionRequest {
  index: number;
  set: SetRef;
  patch?: number;
  stride?: number;
}

/** One sample and its occluded copies in one batch for the model, and how copies map back onto the sample. */
export interface Occlusion<B> {
  /** The original first, then one copy per occluded region: `count` samples. */
  batch: B;
  count: number;
  /** Buffers the batch may hand to the worker (not used afterwards). */
  transfer: ArrayBuffer[];
  label: number;
  width: number;
  height: number;
  patch: number;
  stride: number;
  /** A width × height map: each position the mean of `change(k)` over the copies k (0-based, after the original) that hide it, 0 where none does. */
  attribute(change: (k: number) => number): Float32Array;
}

/** One input kind on the model side. `B` is the batch it carries to the worker (structured-cloneable). */
export interface InputAdapter<B extends { kind: string } = { kind: string }> {
  kind: B['kind'];
  /** How well the graph inputs fit this kind: 1 certain, below 1 a guess, false not this kind. */
  match(inputs: readonly onnx.IValueInfoProto[]): number | false;
  /** The schema this adapter feeds; throws a clear error naming any input it cannot feed (prefixed with `fileLabel` when given). */
  inputSchema(inputs: readonly onnx.IValueInfoProto[], fileLabel?: string): InputSchema;
  /**
   * How extraction packs `count` samples read from the data source into the batch a task carries
   * (checking up front that the source's samples fit the schema). Runs on the engine thread.
   */
  batcher(schema: InputSchema, source: ImageSource, preprocessing: PreprocessSpec): (raw: Uint8Array | Float32Array, count: number) => B;
  /** One batch as named tensors, every schema input fed. */
  toFeeds(schema: InputSchema, batch: B, alloc: FeedAllocator): Feeds;
  /**
   * The sample view's pictures of sample `index` (in range), clean and under `corruption` at each
   * severity, exactly as the models were fed them. Absent when the kind has no picture to show.
   */
  samplePictures?(data: SampleData, index: number, corruption: string | undefined, severities: readonly number[]): Promise<SampleImages>;
  /** Occlusion's perturbations of a sample as the model `schema` is fed them (session/occlusion.ts). Absent when the kind has none. */
  occlusion?(data: PerturbationData, schema: InputSchema, request: OcclusionRequest): Promise<Occlusion<B>>;
}

/** A graph input for error messages: 'name' type [dims]. */
export function describeInput(input: onnx.IValueInfoProto): string {
  const info = valueInfoToTensorInfo(input);
  return `'${info.name}' ${info.type} [${info.shape.map((d) => d ?? '?').join(', ')}]`;
}
