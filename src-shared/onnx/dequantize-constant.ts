// Constants behind DequantizeLinear (and QuantizeLinear of float constants) (QDQ-quantised models): y = (x − zero_point) · scale, per
// tensor, per axis or blocked (opset 21), for int8/uint8/int16/uint16/int32/int4/uint4 x. The
// float values are what head detection, the layer table and sparsity see; `quantizationOf`
// describes the scheme (bits, signedness, granularity) for the model card.
import { PruneLensError } from '../base/errors';
import type { DenseValues } from './tensor-data';
import type { onnx } from 'onnx-proto';
import { int64ToNumber } from './decode-model';

type NodeProto = onnx.INodeProto;
export type ValuesOf = (name: string) => { dims: number[]; data: Float32Array | Float64Array } | null;

export interface Quantization {
  /** Bit width of the stored integers (4, 8, 16, 32). */
  bits: number;
  signed: boolean;
  scheme: 'per-tensor' | 'per-channel' | 'blocked';
  /** Axis of the per-channel / blocked scales (normalised, ≥ 0); null per tensor. */
  axis: number | null;
  blockSize: number | null;
  /** Stored tensor (the integers), the scale and the zero point names. */
  source: string;
  scale: string;
  zeroPoint: string | null;
}

/** Element type → [bits, signed] of the integer types DequantizeLinear accepts. */
const INTEGER_TYPES: Record<number, [number, boolean]> = { 2: [8, false], 3: [8, true], 4: [16, false], 5: [16, true], 6: [32, true], 21: [4, false], 22: [4, true] };

function intAttr(node: NodeProto, name: string, fallback: number): number {
  const a = (node.attribute ?? []).find((x) => x.name === name);
  return a && a.i != null ? int64ToNumber(a.i) : fallback;
}

const bad = (node: NodeProto, message: string) =>
  new PruneLensError('bad-onnx', `DequantizeLinear '${node.name || node.output?.[0] || '?'}': ${message}`, { tensor: node.output?.[0] ?? '' });

/** How scale (and zero point) index into x: one value, one per slice of `axis`, or one per block along `axis`. */
function layout(node: NodeProto, xDims: number[], scaleDims: number[]): { scheme: Quantization['scheme']; axis: number | null; blockSize: number | null } {
  const scaleCount = scaleDims.reduce((a, b) => a * b, 1);
  if (scaleCount === 1 && scaleDims.length <= 1) return { scheme: 'per-tensor', axis: null, blockSize: null };
  const rank = xDims.length;
  const rawAxis = intAttr(node, 'axis', 1);
  const axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
  if (!(axis >= 0 && axis < rank)) throw bad(node, `axis ${rawAxis} is outside a rank-${rank} input.`);
  const blockSize = intAttr(node, 'block_size', 0);
  if (blockSize > 0) {
    const expected = xDims.map((d, i) => (i === axis ? Math.ceil(d / blockSize) : d));
    if (scaleDims.length !== rank || scaleDims.some((d, i) => d !== expected[i])) throw bad(node, `blocked scale shape [${scaleDims.join(', ')}] does not fit input [${xDims.join(', ')}] with block_size ${blockSize} on axis ${axis}.`);
    return { scheme: 'blocked', axis, blockSize };
  }
  if (scaleDims.length !== 1 || scaleDims[0] !== xDims[axis]) throw bad(node, `scale shape [${scaleDims.join(', ')}] does not fit input [${xDims.join(', ')}] on axis ${axis}.`);
  return { scheme: 'per-channel', axis, blockSize: null };
}

type Operand = NonNullable<ReturnType<ValuesOf>>;

/**
 * The constant x, scale and zero point of a (De)QuantizeLinear node; null when any is computed.
 * One zero point per scale value, or the node is malformed.
 */
function constantOperands(node: NodeProto, valuesOf: ValuesOf): { x: Operand; scale: Operand; zero: Operand | null } | null {
  const [xName, scaleName, zeroName] = node.input ?? [];
  if (!xName || !scaleName) return null;
  const x = valuesOf(xName);
  const scale = valuesOf(scaleName);
  const zero = zeroName ? valuesOf(zeroName) : null;
  if (!x || !scale || (zeroName && !zero)) return null;
  if (zero && zero.data.length !== scale.data.length) throw bad(node, `zero point has ${zero.data.length} values, scale has ${scale.data.length}.`);
  return { x, scale, zero };
}

/**
 * The float values of a DequantizeLinear node whose inputs are constants (`valuesOf` resolves a
 * constant's values, null when computed); null when any input is computed.
 */
export function dequantizeConstant(node: NodeProto, valuesOf: ValuesOf): DenseValues | null {
  const operands = constantOperands(node, valuesOf);
  if (!operands) return null;
  const { x, scale, zero } = operands;
  const { scheme, axis, blockSize } = layout(node, x.dims, scale.dims);
  const paramIndex = parameterIndex(x.dims, scale.dims, { scheme, axis, blockSize });
  const out = new Float32Array(x.data.length);
  for (let i = 0; i < out.length; i++) {
    const k = paramIndex(i);
    out[i] = (x.data[i] - (zero ? zero.data[k] : 0)) * scale.data[k];
  }
  return { dims: x.dims, data: out };
}

/** Maps element i of x to the index of its scale / zero point. */
function parameterIndex(xDims: number[], scaleDims: number[], l: ReturnType<typeof layout>): (i: number) => number {
  if (l.scheme === 'per-tensor') return () => 0;
  const axis = l.axis!;
  const inner = xDims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const axisLength = xDims[axis];
  if (l.scheme === 'per-channel') return (i) => Math.floor(i / inner) % axisLength;
  const scaleAxis = scaleDims[axis];
  const block = l.blockSize!;
  return (i) => {
    const outer = Math.floor(i / (inner * axisLength));
    const a = Math.floor(i / inner) % axisLength;
    return (outer * scaleAxis + Math.floor(a / block)) * inner + (i % inner);
  };
}

/** The quantisation scheme of a DequantizeLinear node over a stored tensor; null when it is not one. */
export function quantizationOf(node: NodeProto, elemTypeOf: (name: string) => number | null, dimsOf: (name: string) => number[] | null): Quantization | null {
  if (node.opType !== 'DequantizeLinear') return null;
  const [source, scale, zeroPoint] = node.input ?? [];
  const type = elemTypeOf(source ?? '');
  const xDims = dimsOf(source ?? '');
  const scaleDims = dimsOf(scale ?? '');
  if (type == null || !INTEGER_TYPES[type] || !xDims || !scaleDims) return null;
  const [bits, signed] = INTEGER_TYPES[type];
  return { bits, signed, ...layout(node, xDims, scaleDims), source: source!, scale: scale!, zeroPoint: zeroPoint || null };
}

/** Integer range of an element type (uint8 when unknown, as QuantizeLinear defaults). */
export function integerRange(type: number | null): [number, number] {
  const [bits, signed] = INTEGER_TYPES[type ?? 2] ?? INTEGER_TYPES[2];
  return signed ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, 2 ** bits - 1];
}

/** Round half to even, as QuantizeLinear does. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The integers a QuantizeLinear node makes of a constant float tensor (weights stored as float and
 * quantised in the graph, "fake quant" exports): saturate(round(x / scale) + zero_point).
 * `zeroPointType` is the zero point's element type (null when absent: uint8).
 */
export function quantizeConstant(node: NodeProto, valuesOf: ValuesOf, zeroPointType: number | null): DenseValues | null {
  const operands = constantOperands(node, valuesOf);
  if (!operands) return null;
  const { x, scale, zero } = operands;
  const outputType = intAttr(node, 'output_dtype', 0) || zeroPointType;
  const [lo, hi] = integerRange(outputType);
  const paramIndex = parameterIndex(x.dims, scale.dims, layout(node, x.dims, scale.dims));
  const out = new Float32Array(x.data.length);
  for (let i = 0; i < out.length; i++) {
    const k = paramIndex(i);
    out[i] = Math.min(hi, Math.max(lo, roundHalfEven(Math.fround(x.data[i] / scale.data[k])) + (zero ? zero.data[k] : 0)));
  }
  return { dims: x.dims, data: out };
}
