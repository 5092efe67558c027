// The structure part of the model card on small built graphs, against hand-computed figures:
// N:M patterns and effective MACs, low-rank pairs, QDQ and QOperator quantisation.
import { describe, expect, it } from 'vitest';
import { ELEM, OnnxGraph, seededValues } from '../../tools/testing/onnx-graph';
import { layerPatternText, quantisationLabel, structureRows } from './card-text';
import { analysisToCard, analyzeModelBytes } from './model-analysis';

const card = (bytes: Uint8Array) => analysisToCard(analyzeModelBytes(bytes), bytes.length);

describe('model card structure', () => {
  it('reports 2:4 layers and dense, zero-skipping and N:M MACs', () => {
    const g = new OnnxGraph();
    g.input('x', ['N', 8]);
    // W1 [16, 8] (transB): every group of 4 inputs keeps 2 → 64 non-zeros of 128
    const w1 = seededValues(128, 1).map((v, k) => ((k % 8) % 4 === (k >> 3) % 4 || (k % 8) % 4 === ((k >> 3) + 1) % 4 ? v : 0));
    // W2 [3, 16]: 12 zeros at the start of row 0 — unstructured, no pattern
    const w2 = seededValues(48, 2).map((v, k) => (k < 12 ? 0 : v));
    const h = g.node('Gemm', ['x', g.init('W1', [16, 8], w1), g.init('b1', [16], seededValues(16, 3))], { transB: 1 }, { name: 'fc1' });
    const f = g.node('Relu', [h], {}, { outputs: ['features'] });
    g.node('Gemm', [f, g.init('W2', [3, 16], w2), g.init('b2', [3], [0, 0, 0])], { transB: 1 }, { name: 'head', outputs: ['logits'] });
    g.output('logits', ['N', 3]);
    const c = card(g.encode());
    expect(c.layers!.map((l) => [l.name, l.nonZeros, l.nm])).toEqual([['fc1', 64, { n: 2, m: 4, along: 'input' }], ['head', 36, null]]);
    // dense 16·8 + 3·16 = 176; zeros skipped 64 + 36 = 100; N:M 128/2 + 48 = 112
    expect(c.macs).toMatchObject({ total: 176, partial: false, sparse: 100, nm: 112 });
    const rows = Object.fromEntries(structureRows(c, String));
    expect(rows['effective MACs']).toBe('dense 176 · zeros skipped 100 · N:M 112');
    expect(rows['N:M sparsity']).toBe('2:4 along input channels (1 layer) of 2');
  });

  it('reports a factorised pair as low-rank, not through a nonlinearity', () => {
    const g = new OnnxGraph();
    g.input('x', ['N', 3, 8, 8]);
    const c1 = g.node('Conv', ['x', g.init('C1', [4, 3, 3, 3], seededValues(108, 1))], { pads: [1, 1, 1, 1] }, { name: 'conv_a' });
    const c2 = g.node('Conv', [c1, g.init('C2', [8, 4, 1, 1], seededValues(32, 2)), g.init('cb', [8], seededValues(8, 3))], {}, { name: 'conv_b' });
    const pooled = g.node('Flatten', [g.node('GlobalAveragePool', [g.node('Relu', [c2])])]);
    const u = g.node('MatMul', [pooled, g.init('U', [8, 2], seededValues(16, 4))], {}, { name: 'fc_u' });
    const ub = g.node('Add', [u, g.init('ub', [2], [0.1, 0.2])]);
    const v = g.node('MatMul', [ub, g.init('V', [2, 6], seededValues(12, 5))], {}, { name: 'fc_v' });
    const f = g.node('Relu', [v], {}, { outputs: ['features'] });
    g.node('Gemm', [f, g.init('H', [3, 6], seededValues(18, 6))], { transB: 1 }, { name: 'head', outputs: ['logits'] });
    g.output('logits', ['N', 3]);
    const c = card(g.encode());
    // conv 3×3 (3→4) then 1×1 (4→8): rank ≤ 4 of min(3·9, 8) = 8; 8→2→6: rank 2 of min(8, 6)
    expect(c.structure!.factorised).toEqual([
      { first: 'conv_a', second: 'conv_b', rank: 4, fullRank: 8 },
      { first: 'fc_u', second: 'fc_v', rank: 2, fullRank: 6 },
    ]);
    expect(structureRows(c, String).filter(([k]) => k === 'low rank').map(([, v]) => v)).toEqual(['conv_a → conv_b: low-rank r=4 (of 8)', 'fc_u → fc_v: low-rank r=2 (of 6)']);
  });

  it('reads QDQ weights: bits, per-channel / per-tensor, symmetric / asymmetric, zeros where q = zero point', () => {
    const g = new OnnxGraph(13);
    g.input('x', ['N', 2, 4, 4]);
    // int8 per-channel symmetric conv weight [4, 2, 1, 1]; one stored 0 → 7 non-zeros
    const wq = g.init('wq', [4, 2, 1, 1], [3, -5, 0, 7, 127, -128, 1, -1], ELEM.int8);
    const w = g.node('DequantizeLinear', [wq, g.init('ws', [4], [0.1, 0.2, 0.05, 0.01]), g.init('wz', [4], [0, 0, 0, 0], ELEM.int8)], { axis: 0 });
    // activations quantised too: x → Q (uint8) → DQ (float)
    const xq = g.node('QuantizeLinear', ['x', g.init('xs', [], [0.05]), g.init('xz', [], [128], ELEM.uint8)], {}, { outputs: ['x_q'] });
    const xdq = g.node('DequantizeLinear', [xq, 'xs', 'xz'], {}, { outputs: ['x_dq'] });
    const conv = g.node('Conv', [xdq, w], {}, { name: 'conv' });
    const flat = g.node('Flatten', [g.node('GlobalAveragePool', [conv])], {}, { outputs: ['features'] });
    // uint8 per-tensor asymmetric MatMul weight [4, 3], zero point 3: two entries equal 3 → dequantised 0
    const mq = g.init('mq', [4, 3], [3, 10, 200, 3, 0, 255, 17, 18, 19, 20, 21, 22], ELEM.uint8);
    const m = g.node('DequantizeLinear', [mq, g.init('ms', [], [0.02]), g.init('mz', [], [3], ELEM.uint8)]);
    g.node('MatMul', [flat, m], {}, { name: 'head', outputs: ['logits'] });
    g.output('logits', ['N', 3]);
    const analysis = analyzeModelBytes(g.encode());
    expect([analysis.shapes.types.get('x_q'), analysis.shapes.types.get('x_dq'), analysis.shapes.types.get(w)]).toEqual([ELEM.uint8, ELEM.float, ELEM.float]);
    const c = analysisToCard(analysis, 0);
    expect(c.layers!.map((l) => [l.name, l.weight, l.parameters, l.nonZeros, layerPatternText(l)])).toEqual([
      ['conv', 'wq', 8, 7, 'int8 per-channel symmetric'],
      ['head', 'mq', 12, 10, 'uint8 per-tensor asymmetric'],
    ]);
    expect(c.layers![0].quantisation).toMatchObject({ format: 'qdq', bits: 8, signed: true, blockSize: null });
    expect(quantisationLabel({ format: 'qdq', bits: 4, signed: true, granularity: 'blocked', blockSize: 32, symmetric: true })).toBe('int4 blocked (32) symmetric');
    expect(Object.fromEntries(structureRows(c, String)).quantisation).toBe('QDQ: int8 per-channel symmetric (1 layer), uint8 per-tensor asymmetric (1 layer) of 2');
  });

  it('recognises QOperator layers (QLinearConv, MatMulInteger) with their MACs', () => {
    const g = new OnnxGraph(13);
    g.input('x', ['N', 2, 4, 4], ELEM.uint8);
    const s = (name: string, v: number) => g.init(name, [], [v]);
    const zu = (name: string, v: number) => g.init(name, [], [v], ELEM.uint8);
    const y = g.node('QLinearConv', ['x', s('xs', 0.1), zu('xz', 128), g.init('w', [3, 2, 3, 3], seededValues(54, 1).map((v, k) => (k % 9 === 0 ? 0 : Math.round(v * 200) || 1)), ELEM.int8), g.init('wsc', [3], [0.1, 0.1, 0.2]), g.init('wzp', [3], [0, 0, 0], ELEM.int8), s('ys', 0.2), zu('yz', 128)], {}, { name: 'qconv' });
    const flat = g.node('Reshape', [y, g.init('shape', [2], [0, -1], ELEM.int64)]);
    g.node('MatMulInteger', [flat, g.init('B', [12, 5], seededValues(60, 2).map((v) => 128 + Math.round(v * 100)), ELEM.uint8), zu('az', 128), zu('bz', 128)], {}, { name: 'qfc', outputs: ['acc'] });
    g.output('acc', ['N', 5], ELEM.int32);
    const c = analysisToCard(analyzeModelBytes(g.encode()), 0);
    const [conv, fc] = c.layers!;
    expect([conv.op, conv.outChannels, conv.inChannels, conv.nonZeros, layerPatternText(conv)]).toEqual(['QLinearConv', 3, 2, 54 - 6, 'int8 per-channel symmetric']);
    expect([fc.op, fc.outChannels, fc.inChannels, layerPatternText(fc)]).toEqual(['MatMulInteger', 5, 12, 'uint8 per-tensor symmetric']);
    // QLinearConv: valid 3×3 on 4×4 → [1, 3, 2, 2] outputs × 2·3·3 = 216; MatMulInteger [1, 12] × [12, 5] = 60
    expect(conv.macs).toBe(3 * 2 * 2 * 18);
    expect(fc.macs).toBe(60);
    expect(c.macs).toMatchObject({ total: 216 + 60, partial: false });
  });
});
