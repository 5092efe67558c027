// Whether the engine can feed a model's inputs with a bundle's images: every graph input by name
// (a second input beside the image is refused, named), the element type (float32/float16/bfloat16/
// float64) and the rank, channels and size, by the very rules extraction applies (the input
// adapter's schema, imageChannels), so `validate` refuses exactly what `analyze` would. A fixed
// batch dimension (1 included) is no problem: inference runs in chunks of it.
import type { onnx } from 'onnx-proto';
import { toErrorPayload } from '../../../src-shared/base/errors';
import type { ImageGeometry, PreprocessSpec } from '../../../src-shared/data/preprocess';
import type { ModelAnalysis } from '../../../src-shared/onnx/model-analysis';
import { imageChannels } from '../inputs/image/image-batch';
import { inputAdapters } from '../inputs/input-adapters';
import { checkHeadOutputTypes } from './ort-io';

/** Why these inputs cannot be fed these images (one sentence), or null when they can; without images, the names and types alone. */
export function modelInputProblem(inputs: readonly onnx.IValueInfoProto[], layout: PreprocessSpec['layout'], images: ImageGeometry | null): string | null {
  try {
    const schema = inputAdapters.schemaFor(inputs);
    if (images) imageChannels(schema, layout, images);
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
