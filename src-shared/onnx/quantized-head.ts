// Integer-only (QOperator) classifier heads: QLinearMatMul, QGemm (com.microsoft) and a 1×1
// QLinearConv. W and b are dequantized from the stored integers (per tensor or per output
// channel); the features are the head's quantised input dequantized (a DequantizeLinear node that
// surgery adds), and the logits are the float output of the DequantizeLinear after the head, so
// they are quantised: W·f + b matches them to half an output step (`QuantizedLogits`), except
// where they saturate. MatMulInteger / ConvInteger heads (dynamic quantisation) are refused.
import { attrFloat, attrInt, constantValues, elementTypeOf, isConstant, nodeLabel } from './graph-index';
import type { GraphIndex, OnnxNode } from './graph-index';
import { integerRange } from './dequantize-constant';
import { addBias, readLinearMap } from './linear-map';
import type { Fail, LinearMap } from './linear-map';

export const QUANTIZED_HEAD_OPS = new Set(['QLinearMatMul', 'QGemm', 'QLinearConv']);
const INTEGER_OPS = new Set(['MatMulInteger', 'ConvInteger']);

/** Output quantisation of the logits: step (scale) and the float range before saturation. */
export interface QuantizedLogits {
  step: number;
  min: number;
  max: number;
}

export interface QuantizedHead {
  map: LinearMap;
  /** DequantizeLinear of the head's quantised input: computes the float features. */
  featureNode: OnnxNode;
  featureTensor: string;
  /** The quantised tensor the head reads (its shape is the features' shape). */
  quantizedInput: string;
}

/** The float range and step of a DequantizeLinear with constant per-tensor scale / zero point; null otherwise. */
export function quantizedLogitsOf(index: GraphIndex, dq: OnnxNode): QuantizedLogits | null {
  const [, scaleName, zeroName] = dq.input ?? [];
  const scale = constantValues(index, scaleName ?? '');
  const zero = zeroName ? constantValues(index, zeroName, true) : null;
  if (!scale || scale.data.length !== 1 || (zero && zero.data.length !== 1)) return null;
  const step = scale.data[0];
  const zp = zero ? zero.data[0] : 0;
  const [lo, hi] = integerRange(zeroName ? elementTypeOf(index, zeroName) : null);
  return { step, min: (lo - zp) * step, max: (hi - zp) * step };
}

/** The MatMulInteger / ConvInteger behind `tensor` (through Cast), for a clear refusal; null when none. */
export function integerHeadBehind(index: GraphIndex, node: OnnxNode): OnnxNode | null {
  for (const input of node.input ?? []) {
    let p = index.producers.get(input);
    if (p?.opType === 'Cast') p = index.producers.get(p.input?.[0] ?? '');
    if (p && INTEGER_OPS.has(p.opType ?? '')) return p;
  }
  return null;
}

/** Reads a QLinearMatMul / QGemm / QLinearConv head as a float linear map. */
export function readQuantizedHead(index: GraphIndex, node: OnnxNode, fail: Fail): QuantizedHead {
  const op = node.opType ?? '';
  const label = nodeLabel(node);
  const i = node.input ?? [];
  // [a, a_scale, a_zp, b, b_scale, b_zp] come first in all three; the bias is input 6 (QGemm) or 8 (QLinearConv).
  const [a, aScale, aZero, b, bScale, bZero] = i;
  const biasName = op === 'QGemm' ? i[6] : op === 'QLinearConv' ? i[8] : undefined;
  for (const name of [aScale, b, bScale]) {
    if (!name || !isConstant(index, name)) throw fail(`the input '${name ?? ''}' of ${label} is computed, not a constant`, name);
  }
  const aScaleValues = constantValues(index, aScale!)!;
  if (aScaleValues.data.length !== 1) throw fail(`${label} quantises its input per channel; only a per-tensor input scale is supported`, aScale);
  const transB = op === 'QGemm' && attrInt(node, 'transB', 0) === 1;
  // The weight's output axis carries per-channel scales: columns of B (K×N) for MatMul/Gemm, rows when transposed or for Conv.
  const axis = op === 'QLinearConv' || transB ? 0 : 1;
  const weightName = `${b}__prunelens_dequantized`;
  const dq: OnnxNode = { opType: 'DequantizeLinear', name: weightName, input: [b!, bScale!, ...(bZero ? [bZero] : [])], output: [weightName], attribute: [{ name: 'axis', type: 2, i: axis }] };
  const view: GraphIndex = { ...index, producers: new Map(index.producers).set(weightName, dq) };
  const floatOp = op === 'QLinearMatMul' ? 'MatMul' : op === 'QGemm' ? 'Gemm' : 'Conv';
  const kept = (node.attribute ?? []).filter((x) => floatOp === 'Conv' || x.name === 'transB');
  const map = readLinearMap(view, { opType: floatOp, name: node.name, input: [a ?? '', weightName], output: node.output, attribute: kept }, fail);
  map.label = label;
  if (op === 'QGemm' && (attrInt(node, 'transA', 0) === 1 || attrFloat(node, 'alpha', 1) !== 1)) throw fail(`${label} has transA=1 or alpha≠1; a quantised Gemm head must have neither`, a);
  if (biasName) {
    // The int32 bias is stored at scale a_scale · b_scale (per output channel when b_scale is), zero point 0.
    const bias = constantValues(index, biasName);
    if (!bias) throw fail(`the bias input '${biasName}' of ${label} is computed, not a constant`, biasName);
    const bScales = constantValues(index, bScale!)!.data;
    const values = Float32Array.from(bias.data, (v, k) => v * aScaleValues.data[0] * bScales[bScales.length === 1 ? 0 : k]);
    addBias(map, values, bias.dims, 1, biasName, fail);
  }
  const featureTensor = `${a}__prunelens_dequantized_features`;
  const featureNode: OnnxNode = { opType: 'DequantizeLinear', name: 'prunelens_feature_dequantize', input: [a ?? '', aScale!, ...(aZero ? [aZero] : [])], output: [featureTensor] };
  return { map: { ...map, input: featureTensor }, featureNode, featureTensor, quantizedInput: a ?? '' };
}

