// A model ready for extraction: its head (W, b), the surgically extended ONNX bytes that
// output features and logits in one run, its inputs (its input adapter's schema), and a content
// hash for the cache.
import { PruneLensError } from '../../../src-shared/base/errors';
import type { ManifestModel } from '../../../src-shared/bundle/manifest';
import { analyzeModelBytes } from '../../../src-shared/onnx/model-analysis';
import type { ClassifierHead } from '../../../src-shared/onnx/classifier-head';
import { castBfloat16IoBytes } from '../../../src-shared/onnx/io-cast';
import { addHeadOutputs } from '../../../src-shared/onnx/surgery';
import { sha256 } from '../cache/result-cache';
import type { BundleStore } from '../bundle/bundle-archive-store';
import { readModelBytes } from '../bundle/model-bytes';
import { inputAdapters } from '../inputs/input-adapters';
import type { InputSchema } from '../inputs/input-adapter';
import { checkHeadOutputTypes } from './ort-io';

export interface PreparedModel {
  id: string;
  role: ManifestModel['role'];
  hash: string;
  head: ClassifierHead;
  /** ONNX bytes with the feature tensor added as an output. */
  runBytes: Uint8Array;
  /** What the model is fed, by name (bfloat16 inputs are cast to float32 in `runBytes`); fixed batch size included. */
  input: InputSchema;
  logitsOutput: string;
  featureOutput: string;
}

export async function prepareModel(store: BundleStore, model: ManifestModel): Promise<PreparedModel> {
  const file = store.label(model.path);
  // External data inlined: the hash covers the weights wherever they were stored.
  const bytes = await readModelBytes(store, model.path, `Model '${model.id}'`);
  const analysis = analyzeModelBytes(bytes, { featureTensor: model.featureTensor, logitsTensor: model.logitsTensor }, file);
  if (!analysis.head) throw analysis.headError ?? new PruneLensError('no-head', `${file}: no classifier head found.`);
  if (analysis.head.featuresTransposed) throw new PruneLensError('no-head', `${file}: the head reads its features transposed (Gemm transA=1); set featureTensor in bundle.json to an N×d tensor.`, { file });
  // Refuses, naming them, inputs no adapter can feed (e.g. a second input beside the image).
  const input = inputAdapters.schemaFor(analysis.index.inputs, file);
  checkHeadOutputTypes(analysis, file);
  const outputs = addHeadOutputs(analysis.model, analysis.index, analysis.head);
  return {
    id: model.id,
    role: model.role,
    hash: sha256(bytes),
    head: analysis.head,
    runBytes: castBfloat16IoBytes(outputs.bytes, file),
    input,
    logitsOutput: outputs.logitsOutput,
    featureOutput: outputs.featureOutput,
  };
}
