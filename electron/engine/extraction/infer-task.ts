// The one place an inference task for a prepared model is built: extraction batches send raw
// pixels (the worker preprocesses them), occlusion sends a tensor it preprocessed itself. Both get
// the same model key, bytes, input/output names and the NCHW/NHWC input dims from here.
import type { PreprocessSpec } from '../../../src-shared/data/preprocess';
import type { PixelBatch, TaskInput } from '../workers/worker-protocol';
import type { PreparedModel } from './prepared-model';

export interface InferBatch {
  /** Images in the batch. */
  count: number;
  height: number;
  width: number;
  /** Channels of the model's input. */
  channels: number;
  layout: PreprocessSpec['layout'];
}

/** The input tensor's dims for `batch` in its layout. */
export function inputDims(batch: InferBatch): number[] {
  const { count, channels, height, width } = batch;
  return batch.layout === 'NCHW' ? [count, channels, height, width] : [count, height, width, channels];
}

export function inferTask(model: PreparedModel, executionProvider: string, batch: InferBatch, data: { input: Float32Array } | { pixels: PixelBatch }): TaskInput<'infer'> & { kind: 'infer' } {
  return {
    kind: 'infer',
    // The key covers the model's content and its surgery (which tensor is the feature output).
    modelKey: model.hash + model.head.featureTensor,
    modelBytes: model.runBytes,
    executionProvider,
    inputName: model.inputName,
    inputType: model.inputType,
    fixedBatch: model.fixedBatch,
    inputDims: inputDims(batch),
    logitsName: model.logitsOutput,
    featuresName: model.featureOutput,
    ...data,
  };
}
