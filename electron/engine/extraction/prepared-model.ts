// A model ready for extraction: its head (W, b), the surgically extended ONNX bytes that
// output features and logits in one run, its input tensor, and a content hash for the cache.
import { PruneLensError } from '../../../src-shared/base/errors';
import type { ManifestModel } from '../../../src-shared/bundle/manifest';
import { analyzeModelBytes } from '../../../src-shared/onnx/model-analysis';
import type { ClassifierHead } from '../../../src-shared/onnx/classifier-head';
import { castBfloat16IoBytes } from '../../../src-shared/onnx/io-cast';
import { addHeadOutputs } from '../../../src-shared/onnx/surgery';
import { valueInfoToTensorInfo } from '../../../src-shared/onnx/tensor-info';
import { sha256 } from '../cache/result-cache';
import type { BundleStore } from '../bundle/bundle-archive-store';
import { readModelBytes } from '../bundle/model-bytes';
import { checkHeadOutputTypes, checkInputType } from './ort-io';
import type { RuntimeFloatType } from './ort-io';

export interface PreparedModel {
  id: string;
  role: ManifestModel['role'];
  hash: string;
  head: ClassifierHead;
  /** ONNX bytes with the feature tensor added as an output. */
  runBytes: Uint8Array;
  inputName: string;
  /** The element type the model's input is fed in (bfloat16 inputs are cast to float32 in `runBytes`). */
  inputType: RuntimeFloatType;
  inputShape: (number | string | null)[];
  /** The input's fixed batch size (a numeric first dimension, 1 included); inference runs in chunks of it. */
  fixedBatch?: number;
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
  const input = analysis.index.inputs[0];
  if (!input) throw new PruneLensError('bad-onnx', `${file}: the model has no graph input.`, { file });
  const inputType = checkInputType(input, file);
  checkHeadOutputTypes(analysis, file);
  const outputs = addHeadOutputs(analysis.model, analysis.index, analysis.head);
  const info = valueInfoToTensorInfo(input);
  return {
    id: model.id,
    role: model.role,
    hash: sha256(bytes),
    head: analysis.head,
    runBytes: castBfloat16IoBytes(outputs.bytes, file),
    inputName: info.name,
    inputType,
    inputShape: info.shape,
    ...(typeof info.shape[0] === 'number' && info.shape[0] > 0 ? { fixedBatch: info.shape[0] } : {}),
    logitsOutput: outputs.logitsOutput,
    featureOutput: outputs.featureOutput,
  };
}
