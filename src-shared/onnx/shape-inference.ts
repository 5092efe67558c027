// Forward shape propagation from the graph inputs, op by op (ONNX nodes are topologically
// sorted). Declared value_info is the fallback where we have no rule; what neither covers is
// reported so that FLOPs and head checks can say 'partial' instead of guessing.
import { int64ToNumber } from './decode-model';
import type { onnx } from 'onnx-proto';
import { constantValues, nodeLabel } from './graph-index';
import type { GraphIndex } from './graph-index';
import { shapeRule } from './shape-ops';
import type { Dim } from './shape-ops';
import { tensorDims } from './tensor-data';

export type { Dim } from './shape-ops';

export interface ShapeInference {
  shapes: Map<string, Dim[]>;
  /** ONNX element type per tensor (1 float, 7 int64, 10 float16, …). */
  types: Map<string, number>;
  /** Op types with no shape rule. */
  unsupportedOps: string[];
  /** Nodes whose output shapes stayed unknown. */
  unresolvedNodes: string[];
}

const MAX_VALUE_ELEMENTS = 64;
const BOOL_OPS = new Set(['Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'Not', 'And', 'Or', 'Xor', 'IsNaN', 'IsInf']);

function valueInfoShape(info: onnx.IValueInfoProto, isGraphInput: boolean): Dim[] | undefined {
  const shape = info.type?.tensorType?.shape;
  if (!shape) return undefined;
  return (shape.dim ?? []).map((d, i) => {
    if (d.dimValue != null && !d.dimParam) {
      const v = int64ToNumber(d.dimValue);
      if (v > 0 || (v === 0 && !isGraphInput)) return v;
    }
    return d.dimParam || (isGraphInput && i === 0 ? 'N' : '?');
  });
}

/** Output element type of the quantisation ops: integers after QuantizeLinear / QLinear*, float after DequantizeLinear. */
function quantisedType(node: onnx.INodeProto, types: Map<string, number>): number | null {
  const input = (i: number) => types.get(node.input?.[i] ?? '');
  switch (node.opType) {
    case 'DequantizeLinear': return input(1) ?? 1; // the scale's type
    case 'QuantizeLinear': return int64ToNumber((node.attribute ?? []).find((a) => a.name === 'output_dtype')?.i) || (input(2) ?? 2); // zero point's type, uint8 by default
    case 'QLinearConv': case 'QLinearMatMul': return input(7) ?? null;
    case 'ConvInteger': case 'MatMulInteger': return 6;
    default: return null;
  }
}

export function inferShapes(index: GraphIndex): ShapeInference {
  const shapes = new Map<string, Dim[]>();
  const types = new Map<string, number>();
  const values = new Map<string, Dim[]>();
  const declared = new Map<string, onnx.IValueInfoProto>();
  for (const info of [...(index.graph.valueInfo ?? []), ...index.outputs]) if (info.name) declared.set(info.name, info);
  for (const input of index.inputs) {
    const shape = valueInfoShape(input, true);
    if (shape && input.name) shapes.set(input.name, shape);
    if (input.name && input.type?.tensorType?.elemType) types.set(input.name, input.type.tensorType.elemType);
  }
  const addConstant = (name: string, dims: number[], type: number) => {
    shapes.set(name, dims);
    types.set(name, type);
    if ((type === 7 || type === 6) && dims.length <= 1 && (dims[0] ?? 1) <= MAX_VALUE_ELEMENTS) {
      const v = constantValues(index, name, true);
      if (v) values.set(name, Array.from(v.data));
    }
  };
  for (const [name, t] of index.initializers) addConstant(name, tensorDims(t.dims, name), t.dataType ?? 1);
  for (const [name, t] of index.sparseInitializers) addConstant(name, tensorDims(t.dims, name), t.values?.dataType ?? 1);

  const unsupported = new Set<string>();
  const unresolvedNodes: string[] = [];
  const ctx = { shape: (n: string) => shapes.get(n), value: (n: string) => values.get(n), opset: index.opset ?? 13 };
  for (const node of index.nodes) {
    const op = node.opType ?? '';
    const outputs = node.output ?? [];
    if (op === 'Constant') {
      const v = constantValues(index, outputs[0] ?? '', true);
      const attr = (node.attribute ?? [])[0];
      const type = attr?.t?.dataType ?? attr?.sparseTensor?.values?.dataType ?? (attr?.name?.startsWith('value_int') ? 7 : 1);
      if (v && outputs[0]) addConstant(outputs[0], v.dims, type);
      continue;
    }
    const inputs = (node.input ?? []).map((n) => (n ? shapes.get(n) : undefined));
    const rule = shapeRule(op);
    if (!rule) unsupported.add(op);
    const result = rule ? rule(node, ctx, inputs) : null;
    const firstType = (node.input ?? []).map((n) => types.get(n)).find((t) => t !== undefined) ?? 1;
    const outType = op === 'Cast' ? int64ToNumber((node.attribute ?? []).find((a) => a.name === 'to')?.i) : op === 'Shape' || op === 'ArgMax' || op === 'ArgMin' ? 7 : BOOL_OPS.has(op) ? 9 : quantisedType(node, types) ?? firstType;
    let resolved = true;
    outputs.forEach((name, i) => {
      if (!name) return;
      types.set(name, outType);
      const inferred = result?.shapes[i]?.map((d) => (typeof d === 'number' && !(Number.isSafeInteger(d) && d >= 0) ? '?' : d)); // odd attributes (stride 0, …)
      const shape = inferred ?? (declared.has(name) ? valueInfoShape(declared.get(name)!, false) : undefined);
      if (shape) shapes.set(name, shape);
      else resolved = false;
      const value = result?.values?.[i];
      if (value && value.length <= MAX_VALUE_ELEMENTS) values.set(name, value);
    });
    if (!resolved) unresolvedNodes.push(nodeLabel(node));
  }
  return { shapes, types, unsupportedOps: [...unsupported].sort(), unresolvedNodes };
}
