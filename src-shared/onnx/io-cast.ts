// bfloat16 graph inputs and outputs become float32 ones with a Cast inside the graph:
// onnxruntime-node cannot create tensors of (or even open sessions with) bfloat16 I/O, and the
// cast is exact for outputs (bfloat16 ⊂ float32) and rounds inputs as the model's own cast would.
// Names are kept, so callers feed and read the same tensors as before.
import type { onnx } from 'onnx-proto';
import { decodeOnnxModel, onnxSchema } from './decode-model';

const FLOAT = 1;
const BFLOAT16 = 16;

const isBf16 = (info: onnx.IValueInfoProto) => info.type?.tensorType?.elemType === BFLOAT16;
const asFloat = (info: onnx.IValueInfoProto): onnx.IValueInfoProto => ({ ...info, type: { ...info.type, tensorType: { ...info.type!.tensorType, elemType: FLOAT } } });

/** Whether any graph input or output is bfloat16. */
export function hasBfloat16Io(model: onnx.IModelProto): boolean {
  const graph = model.graph;
  return [...(graph?.input ?? []), ...(graph?.output ?? [])].some(isBf16);
}

/** The model with its bfloat16 graph inputs/outputs turned into float32 ones (unchanged model when there are none). */
export function castBfloat16Io(model: onnx.IModelProto): onnx.IModelProto {
  const graph = model.graph;
  if (!graph || !hasBfloat16Io(model)) return model;
  const rename = new Map<string, string>();
  const casts: onnx.INodeProto[] = [];
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  for (const input of graph.input ?? []) {
    if (!isBf16(input) || initializers.has(input.name)) continue;
    rename.set(input.name!, `${input.name}__bf16`);
    casts.push({ opType: 'Cast', name: `${input.name}__to_bf16`, input: [input.name!], output: [`${input.name}__bf16`], attribute: [{ name: 'to', type: 2, i: BFLOAT16 }] });
  }
  const outputs = new Set((graph.output ?? []).filter(isBf16).map((o) => o.name!));
  for (const name of outputs) rename.set(name, `${name}__bf16`);
  const node = (graph.node ?? []).map((n) => ({
    ...n,
    input: (n.input ?? []).map((name) => rename.get(name) ?? name),
    output: (n.output ?? []).map((name) => (outputs.has(name) ? rename.get(name)! : name)),
  }));
  for (const name of outputs) {
    casts.push({ opType: 'Cast', name: `${name}__to_float`, input: [rename.get(name)!], output: [name], attribute: [{ name: 'to', type: 2, i: FLOAT }] });
  }
  const inputCasts = casts.filter((c) => c.name!.endsWith('__to_bf16'));
  const outputCasts = casts.filter((c) => c.name!.endsWith('__to_float'));
  return {
    ...model,
    graph: {
      ...graph,
      node: [...inputCasts, ...node, ...outputCasts],
      input: (graph.input ?? []).map((i) => (isBf16(i) && !initializers.has(i.name) ? asFloat(i) : i)),
      output: (graph.output ?? []).map((o) => (isBf16(o) ? asFloat(o) : o)),
      valueInfo: (graph.valueInfo ?? []).filter((v) => !rename.has(v.name!)),
    },
  };
}

/** `castBfloat16Io` on encoded bytes (the same bytes back when nothing is bfloat16). */
export function castBfloat16IoBytes(bytes: Uint8Array, fileLabel = 'model'): Uint8Array {
  const model = decodeOnnxModel(bytes, fileLabel);
  if (!hasBfloat16Io(model)) return bytes;
  return onnxSchema.ModelProto.encode(castBfloat16Io(model)).finish();
}
