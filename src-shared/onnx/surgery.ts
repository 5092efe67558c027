// Graph surgery: expose the penultimate tensor (and the logits, when the model ends in Softmax)
// as extra graph outputs, so one inference run returns both (adding the nodes that compute the
// features when the head says so: the pooled input of a Conv 1×1 head followed by pooling).
import type { onnx } from 'onnx-proto';
import { onnxSchema } from './decode-model';
import type { OnnxModel } from './decode-model';
import type { ClassifierHead } from './classifier-head';
import type { GraphIndex } from './graph-index';

export interface HeadOutputs {
  /** The model with the extra outputs, encoded. */
  bytes: Uint8Array;
  featureOutput: string;
  logitsOutput: string;
  /** Names of the outputs added (empty when both already were outputs). */
  added: string[];
}

/** The batch axis name of the first graph input ('N' when it has none). */
export function batchSymbol(index: GraphIndex): string {
  const dim = index.inputs[0]?.type?.tensorType?.shape?.dim?.[0];
  return dim?.dimParam || 'N';
}

function outputInfo(name: string, elemType: number, dims: (number | string | null)[]): onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : d ? { dimParam: d } : {}));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

export function addHeadOutputs(model: OnnxModel, index: GraphIndex, head: ClassifierHead): HeadOutputs {
  const graph = model.graph!;
  const existing = new Set((graph.output ?? []).map((o) => o.name));
  const batch = batchSymbol(index);
  const added: onnx.IValueInfoProto[] = [];
  if (!existing.has(head.featureTensor)) {
    const batchAxis = head.featuresTransposed ? 1 : 0;
    const dims = head.featureShape
      ? head.featureShape.map((d, i) => (typeof d === 'number' ? d : i === batchAxis ? batch : null))
      : head.featuresTransposed ? [head.featureDim, batch] : [batch, head.featureDim];
    added.push(outputInfo(head.featureTensor, head.featureElemType, dims));
  }
  if (!existing.has(head.logitsTensor)) added.push(outputInfo(head.logitsTensor, head.featureElemType, [batch, head.classes]));
  // A pooled Conv head's features (the spatial mean of its input) are computed by nodes we add.
  const node = [...(graph.node ?? []), ...head.featureNodes];
  const encoded = onnxSchema.ModelProto.encode({ ...model, graph: { ...graph, node, output: [...(graph.output ?? []), ...added] } }).finish();
  return { bytes: encoded, featureOutput: head.featureTensor, logitsOutput: head.logitsTensor, added: added.map((a) => a.name!) };
}
