// A model ready for extraction: its head (W, b), the surgically extended ONNX bytes that
// output features and logits in one run, its input tensor, and a content hash for the cache.
import { PruneLensError } from '../../../src-shared/api/errors';
import type { ManifestModel } from '../../../src-shared/bundle/manifest';
import { analyzeModelBytes } from '../../../src-shared/onnx/model-analysis';
import type { ClassifierHead } from '../../../src-shared/onnx/classifier-head';
import { addHeadOutputs } from '../../../src-shared/onnx/surgery';
import { valueInfoToTensorInfo } from '../../../src-shared/onnx/tensor-info';
import { sha256 } from '../cache/result-cache';
import type { BundleStore } from '../bundle-archive-store';

export interface PreparedModel {
  id: string;
  role: ManifestModel['role'];
  hash: string;
  head: ClassifierHead;
  /** ONNX bytes with the feature tensor added as an output. */
  runBytes: Uint8Array;
  inputName: string;
  inputShape: (number | string | null)[];
  logitsOutput: string;
  featureOutput: string;
}

export async function prepareModel(store: BundleStore, model: ManifestModel): Promise<PreparedModel> {
  const file = store.label(model.path);
  const bytes = await store.readFile(model.path, `Model '${model.id}'`);
  const analysis = analyzeModelBytes(bytes, { featureTensor: model.featureTensor, logitsTensor: model.logitsTensor }, file);
  if (!analysis.head) throw analysis.headError ?? new PruneLensError('no-head', `${file}: no classifier head found.`);
  if (analysis.head.featuresTransposed) throw new PruneLensError('no-head', `${file}: the head reads its features transposed (Gemm transA=1); set featureTensor in bundle.json to an N×d tensor.`, { file });
  const input = analysis.index.inputs[0];
  if (!input) throw new PruneLensError('bad-onnx', `${file}: the model has no graph input.`, { file });
  const outputs = addHeadOutputs(analysis.model, analysis.index, analysis.head);
  const info = valueInfoToTensorInfo(input);
  return {
    id: model.id,
    role: model.role,
    hash: sha256(bytes),
    head: analysis.head,
    runBytes: outputs.bytes,
    inputName: info.name,
    inputShape: info.shape,
    logitsOutput: outputs.logitsOutput,
    featureOutput: outputs.featureOutput,
  };
}
