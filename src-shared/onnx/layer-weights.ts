// The weight of one layer node as float values, with its quantisation when it is stored as
// integers: behind DequantizeLinear (QDQ graphs), or as an integer input of a QOperator node
// (QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger), dequantised as (q − zero_point)·scale
// by the same code as QDQ constants.
import { constantDims, constantFloat32, constantSource, constantValues, elementTypeOf, isConstant } from './graph-index';
import type { GraphIndex, OnnxNode } from './graph-index';
import { dequantizeConstant, quantizationOf } from './dequantize-constant';
import type { Quantization } from './dequantize-constant';
import { tensorDims } from './tensor-data';

export interface LayerQuantisation {
  /** 'qdq' (DequantizeLinear in front of a float op) or 'qoperator' (an integer op). */
  format: 'qdq' | 'qoperator';
  bits: number;
  signed: boolean;
  granularity: Quantization['scheme'];
  /** Elements per scale along the blocked axis (blocked granularity), else null. */
  blockSize: number | null;
  /** Every zero point sits at the middle of the integer range (0 signed, 2^(bits−1) unsigned). */
  symmetric: boolean;
}

export interface LayerWeight {
  /** The stored tensor (integers for quantised layers). */
  name: string;
  dims: number[];
  /** Float values; null for a sparse initializer too large to densify (its stored values are counted instead). */
  values: Float32Array | null;
  quantisation: LayerQuantisation | null;
}

/** QOperator nodes: [weight, scale, zero point] input positions when the weight is B / w, and A. */
const QOPERATOR: Record<string, { b: [number, number | null, number]; a?: [number, number | null, number] }> = {
  QLinearConv: { b: [3, 4, 5] },
  ConvInteger: { b: [1, null, 3] },
  QLinearMatMul: { b: [3, 4, 5], a: [0, 1, 2] },
  MatMulInteger: { b: [1, null, 3], a: [0, null, 2] },
};
export const QOPERATOR_OPS = new Set(Object.keys(QOPERATOR));

const MAX_DENSIFIED = 2 ** 24;
const UNIT_SCALE = '\u0000unit-scale';

function symmetricZeroPoints(index: GraphIndex, zeroPoint: string | null, bits: number, signed: boolean): boolean {
  const middle = signed ? 0 : 2 ** (bits - 1);
  if (!zeroPoint) return middle === 0;
  const zp = constantValues(index, zeroPoint, true);
  return !!zp && Array.from(zp.data).every((z) => z === middle);
}

/** The integer element type of a DequantizeLinear input: stored, or made by QuantizeLinear of a float constant. */
function integerType(index: GraphIndex, name: string): number | null {
  const stored = elementTypeOf(index, name);
  if (stored !== null && stored !== 1) return stored;
  const p = index.producers.get(constantSource(index, name));
  if (p?.opType !== 'QuantizeLinear') return null;
  return p.input?.[2] ? elementTypeOf(index, p.input[2]) : 2;
}

function qdqWeight(index: GraphIndex, input: string): LayerWeight | null {
  const source = constantSource(index, input);
  const sparse = index.sparseInitializers.get(source);
  if (sparse) {
    // Counted from the stored values; densified (for N:M) only when small enough.
    const dims = tensorDims(sparse.dims, source);
    if (dims.reduce((a, b) => a * b, 1) > MAX_DENSIFIED) return { name: source, dims, values: null, quantisation: null };
  }
  const dq = index.producers.get(source);
  const decoded = constantFloat32(index, source);
  if (!decoded) return null;
  const { dims, data: values } = decoded;
  if (dq?.opType !== 'DequantizeLinear') return { name: source, dims, values, quantisation: null };
  const q = quantizationOf(dq, (n) => integerType(index, n), (n) => constantDims(index, n));
  if (!q) return { name: source, dims, values, quantisation: null };
  const stored = index.producers.get(constantSource(index, q.source))?.opType === 'QuantizeLinear' ? source : constantSource(index, q.source);
  const quantisation = { format: 'qdq' as const, bits: q.bits, signed: q.signed, granularity: q.scheme, blockSize: q.blockSize, symmetric: symmetricZeroPoints(index, q.zeroPoint, q.bits, q.signed) };
  return { name: stored, dims, values, quantisation };
}

function qoperatorWeight(index: GraphIndex, node: OnnxNode): LayerWeight | null {
  const spec = QOPERATOR[node.opType ?? ''];
  const inputs = node.input ?? [];
  const usesA = !isConstant(index, inputs[spec.b[0]] ?? '') && spec.a && isConstant(index, inputs[spec.a[0]] ?? '');
  const [w, s, z] = usesA ? spec.a! : spec.b;
  const weight = inputs[w] ?? '';
  const dims = constantDims(index, weight);
  if (!dims || !isConstant(index, weight)) return null;
  const zeroPoint = inputs[z] || null;
  const scale = s !== null && inputs[s] ? inputs[s] : UNIT_SCALE;
  const conv = node.opType === 'QLinearConv' || node.opType === 'ConvInteger';
  // Per-channel parameters run along the output channels: axis 0 of a conv weight, the last axis of B, the first of A.
  const axis = conv || usesA ? 0 : dims.length - 1;
  const dq: OnnxNode = { opType: 'DequantizeLinear', input: [weight, scale, zeroPoint ?? ''], attribute: [{ name: 'axis', type: 2, i: axis }] };
  const dimsOf = (n: string) => (n === UNIT_SCALE ? (zeroPoint ? constantDims(index, zeroPoint) : []) : constantDims(index, n));
  const valuesOf = (n: string) => (n === UNIT_SCALE ? { dims: dimsOf(n) ?? [], data: new Float32Array(Math.max(1, (dimsOf(n) ?? []).reduce((a, b) => a * b, 1))).fill(1) } : constantValues(index, n));
  const values = dequantizeConstant(dq, valuesOf);
  const q = quantizationOf(dq, (n) => elementTypeOf(index, n), dimsOf);
  if (!values) return null;
  const quantisation = q ? { format: 'qoperator' as const, bits: q.bits, signed: q.signed, granularity: q.scheme, blockSize: q.blockSize, symmetric: symmetricZeroPoints(index, zeroPoint, q.bits, q.signed) } : null;
  return { name: constantSource(index, weight), dims, values: values.data, quantisation };
}

/** The weight of a layer node (Conv, ConvTranspose, Gemm, MatMul or a QOperator op); null when it has no constant weight. */
export function layerWeight(index: GraphIndex, node: OnnxNode): LayerWeight | null {
  const op = node.opType ?? '';
  if (QOPERATOR_OPS.has(op)) return qoperatorWeight(index, node);
  const inputs = node.input ?? [];
  const input = op === 'MatMul' ? inputs.slice(0, 2).reverse().find((n) => isConstant(index, n)) : inputs[1];
  return input && isConstant(index, input) ? qdqWeight(index, input) : null;
}
