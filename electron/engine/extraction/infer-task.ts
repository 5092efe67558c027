// The one place an inference task for a prepared model is built, for extraction batches and
// occlusion alike: the model key, bytes, its input schema and output names, and one batch in its
// input adapter's form (the worker turns it into named feeds, inputs/input-adapters.ts).
import type { InputBatch } from '../inputs/input-adapters';
import type { TaskInput } from '../workers/worker-protocol';
import type { PreparedModel } from './prepared-model';

export function inferTask(model: PreparedModel, executionProvider: string, batch: InputBatch): TaskInput<'infer'> & { kind: 'infer' } {
  return {
    kind: 'infer',
    // The key covers the model's content and its surgery (which tensor is the feature output).
    modelKey: model.hash + model.head.featureTensor,
    modelBytes: model.runBytes,
    executionProvider,
    inputs: model.input,
    batch,
    logitsName: model.logitsOutput,
    featuresName: model.featureOutput,
  };
}
