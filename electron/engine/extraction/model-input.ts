// Whether the engine can feed a model's image input with a bundle's images: the element type
// (float32/float16/bfloat16/float64) and the rank, channels and size, by the very rules extraction
// applies (prepareModel's type check, modelChannels), so `validate` refuses exactly what `analyze`
// would. A fixed batch dimension (1 included) is no problem: inference runs in chunks of it.
import type { onnx } from 'onnx-proto';
import { toErrorPayload } from '../../../src-shared/base/errors';
import { modelChannels } from '../../../src-shared/data/preprocess';
import type { ImageGeometry, PreprocessSpec } from '../../../src-shared/data/preprocess';
import { valueInfoToTensorInfo } from '../../../src-shared/onnx/tensor-info';
import type { ModelAnalysis } from '../../../src-shared/onnx/model-analysis';
import { checkHeadOutputTypes, checkInputType } from './ort-io';

/** Why this input cannot be fed these images (one sentence), or null when it can; without images, the type alone. */
export function modelInputProblem(input: onnx.IValueInfoProto, layout: PreprocessSpec['layout'], images: ImageGeometry | null): string | null {
  try {
    checkInputType(input);
    if (images) modelChannels(valueInfoToTensorInfo(input).shape, layout, images);
    return null;
  } catch (error) {
    return toErrorPayload(error).message;
  }
}

/** Why the detected head's feature/logit tensors cannot be read (e.g. integer logits), or null. */
export function headOutputProblem(analysis: Pick<ModelAnalysis, 'head' | 'shapes'>): string | null {
  try {
    checkHeadOutputTypes(analysis);
    return null;
  } catch (error) {
    return toErrorPayload(error).message;
  }
}
