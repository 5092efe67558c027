// Lookup tables over a graph: who produces / consumes each tensor, constants (initializers,
// sparse initializers, Constant nodes) and node attributes.
import { PruneLensError } from '../base/errors';
import { int64ToNumber } from './decode-model';
import type { onnx } from 'onnx-proto';
import type { OnnxModel } from './decode-model';
import { sparseToFloat32, tensorDims, tensorToFloat32, tensorToFloat64 } from './tensor-data';
import type { DenseValues } from './tensor-data';
import { dequantizeConstant, quantizeConstant } from './dequantize-constant';

export type OnnxNode = onnx.INodeProto;

export interface GraphIndex {
  graph: onnx.IGraphProto;
  nodes: OnnxNode[];
  producers: Map<string, OnnxNode>;
  consumers: Map<string, OnnxNode[]>;
  initializers: Map<string, onnx.ITensorProto>;
  sparseInitializers: Map<string, onnx.ISparseTensorProto>;
  /** Graph inputs that are not initializers (what the user feeds). */
  inputs: onnx.IValueInfoProto[];
  outputs: onnx.IValueInfoProto[];
  /** Default-domain opset version, or null. */
  opset: number | null;
}

export function indexGraph(model: OnnxModel): GraphIndex {
  const graph = model.graph!;
  const nodes = graph.node ?? [];
  const producers = new Map<string, OnnxNode>();
  const consumers = new Map<string, OnnxNode[]>();
  for (const node of nodes) {
    for (const output of node.output ?? []) if (output) producers.set(output, node);
    for (const input of node.input ?? []) {
      if (!input) continue;
      const list = consumers.get(input);
      if (list) list.push(node);
      else consumers.set(input, [node]);
    }
  }
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const sparseInitializers = new Map((graph.sparseInitializer ?? []).map((t) => [t.values?.name ?? '', t]));
  const defaultDomain = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  return {
    graph,
    nodes,
    producers,
    consumers,
    initializers,
    sparseInitializers,
    inputs: (graph.input ?? []).filter((i) => !initializers.has(i.name ?? '') && !sparseInitializers.has(i.name ?? '')),
    outputs: graph.output ?? [],
    opset: defaultDomain ? int64ToNumber(defaultDomain.version) : null,
  };
}

/** A readable name for a node (ONNX node names are optional). */
export function nodeLabel(node: OnnxNode): string {
  return node.name ? `${node.opType} '${node.name}'` : `${node.opType} (output '${node.output?.[0] ?? '?'}')`;
}

export function attribute(node: OnnxNode, name: string): onnx.IAttributeProto | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}

export function attrInt(node: OnnxNode, name: string, fallback: number): number {
  const a = attribute(node, name);
  return a && a.i != null ? int64ToNumber(a.i) : fallback;
}

export function attrFloat(node: OnnxNode, name: string, fallback: number): number {
  const a = attribute(node, name);
  return a && a.f != null && a.type === 1 ? a.f : fallback;
}

export function attrInts(node: OnnxNode, name: string): number[] | null {
  const a = attribute(node, name);
  return a?.ints && a.ints.length > 0 ? a.ints.map((v) => int64ToNumber(v)) : null;
}

export function attrString(node: OnnxNode, name: string, fallback: string): string {
  const a = attribute(node, name);
  return a?.s && a.s.length > 0 ? new TextDecoder().decode(a.s) : fallback;
}

const QUANT_OPS = new Set(['DequantizeLinear', 'QuantizeLinear']);

/** True when `name` is a compile-time constant (initializer, sparse initializer, Constant node output, through Identity/Cast/Q/DQ). */
export function isConstant(index: GraphIndex, name: string, depth = 0): boolean {
  if (index.initializers.has(name) || index.sparseInitializers.has(name)) return true;
  const producer = index.producers.get(name);
  if (producer?.opType === 'Constant') return true;
  if (depth >= 64 || !producer) return false;
  if (QUANT_OPS.has(producer.opType ?? '')) return (producer.input ?? []).every((n) => !n || isConstant(index, n, depth + 1));
  return (producer.opType === 'Identity' || producer.opType === 'Cast') && isConstant(index, producer.input?.[0] ?? '', depth + 1);
}

/** The stored tensor behind a constant reached through Identity / Cast (its own name otherwise). */
export function constantSource(index: GraphIndex, name: string): string {
  for (let depth = 0; depth < 64; depth++) {
    const p = index.producers.get(name);
    if (!p || (p.opType !== 'Identity' && p.opType !== 'Cast')) return name;
    name = p.input?.[0] ?? '';
  }
  return name;
}

/** Shape of a constant without decoding its values; null when `name` is computed. */
export function constantDims(index: GraphIndex, name: string): number[] | null {
  const source = constantSource(index, name);
  const t = index.initializers.get(source);
  if (t) return tensorDims(t.dims, source);
  const s = index.sparseInitializers.get(source);
  if (s) return tensorDims(s.dims, source);
  // Q/DQ keep their input's shape: no need to dequantize the whole tensor to know it.
  const producer = index.producers.get(source);
  if (producer && QUANT_OPS.has(producer.opType ?? '') && isConstant(index, source)) return constantDims(index, producer.input?.[0] ?? '');
  return constantValues(index, source)?.dims ?? null;
}

export type ConstantValues = { dims: number[]; data: Float32Array | Float64Array };

/** A constant's values as Float32Array (weights), or null when `name` is computed. */
export function constantFloat32(index: GraphIndex, name: string): DenseValues | null {
  const values = constantValues(index, name);
  if (!values || values.data instanceof Float32Array) return values as DenseValues | null;
  return { dims: values.dims, data: Float32Array.from(values.data) };
}

/** Values of a constant tensor (through Identity); `exact` keeps integers exact (float64). */
export function constantValues(index: GraphIndex, name: string, exact = false, depth = 0): ConstantValues | null {
  const decode = exact ? tensorToFloat64 : tensorToFloat32;
  const initializer = index.initializers.get(name);
  if (initializer) return decode(initializer, name);
  const sparse = index.sparseInitializers.get(name);
  if (sparse) return sparseToFloat32(sparse, name);
  const producer = index.producers.get(name);
  if (!producer || depth > 64) return null;
  // Cast of a constant (e.g. float16 weights cast to float) keeps the values.
  if (producer.opType === 'Identity' || producer.opType === 'Cast') return constantValues(index, producer.input?.[0] ?? '', exact, depth + 1);
  // Quantised weights: DequantizeLinear (of stored integers, or of QuantizeLinear of stored floats).
  const valuesOf = (input: string) => constantValues(index, input, false, depth + 1);
  if (producer.opType === 'DequantizeLinear') return dequantizeConstant(producer, valuesOf);
  if (producer.opType === 'QuantizeLinear') return quantizeConstant(producer, valuesOf, elementTypeOf(index, producer.input?.[2] ?? ''));
  if (producer.opType !== 'Constant') return null;
  const a = (producer.attribute ?? [])[0];
  if (!a) throw new PruneLensError('bad-onnx', `${nodeLabel(producer)} has no value attribute.`, { tensor: name });
  switch (a.name) {
    case 'value': return decode(a.t ?? {}, name);
    case 'sparse_value': return sparseToFloat32(a.sparseTensor ?? {}, name);
    case 'value_float': return { dims: [], data: new Float32Array([a.f ?? 0]) };
    case 'value_floats': return { dims: [a.floats?.length ?? 0], data: Float32Array.from(a.floats ?? []) };
    case 'value_int': return { dims: [], data: Float64Array.from([int64ToNumber(a.i)]) };
    case 'value_ints': return { dims: [a.ints?.length ?? 0], data: Float64Array.from((a.ints ?? []).map((v) => int64ToNumber(v))) };
    default: return null;
  }
}

/** ONNX element type of a stored constant (through Identity), null when unknown or computed. */
export function elementTypeOf(index: GraphIndex, name: string): number | null {
  const source = constantSource(index, name);
  const t = index.initializers.get(source) ?? index.sparseInitializers.get(source)?.values;
  if (t) return t.dataType ?? null;
  const p = index.producers.get(source);
  return p?.opType === 'Constant' ? (p.attribute?.[0]?.t?.dataType ?? null) : null;
}
