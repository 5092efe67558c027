// A one-block ViT built the way torch.onnx exports one (tools/testing/tiny-vit-onnx.ts): full MACs
// including attention products, heads and MLP widths, nothing 'partial'.
import { describe, expect, it } from 'vitest';
import { OnnxGraph, seededValues } from '../../tools/testing/onnx-graph';
import { miniVit } from '../../tools/testing/tiny-vit-onnx';
import { structureRows } from './card-text';
import { analysisToCard, analyzeModelBytes } from './model-analysis';

/** Hand count: patch conv, q/k/v, Q·Kᵀ, A·V, projection, two MLP maps, head (5 tokens). */
const vitMacs = (heads: number, mlp: number, hd = 8, d = 16) =>
  d * 4 * (3 * 4 * 4) + 5 * d * 3 * heads * hd + heads * 5 * 5 * hd + heads * 5 * hd * 5 + 5 * heads * hd * d + 2 * 5 * d * mlp + 10 * d;

describe('transformer structure', () => {
  it('counts full MACs of a ViT export, attention products included, with every shape inferred', () => {
    const c = analysisToCard(analyzeModelBytes(miniVit(2, 32)), 0);
    expect(vitMacs(2, 32)).toBe(14272);
    expect(c.macs).toMatchObject({ total: 14272, partial: false, unsupportedOps: [] });
    expect(c.head).toMatchObject({ featureTensor: 'features', featureDim: 16, classes: 10 });
  });

  it('reports heads and MLP widths, and sees pruned heads and MLP', () => {
    const full = analysisToCard(analyzeModelBytes(miniVit(2, 32)), 0);
    expect(full.structure!.transformer).toEqual({ attention: [{ node: 'scores', heads: 2, headDim: 8 }], mlpWidths: [32] });
    const pruned = analysisToCard(analyzeModelBytes(miniVit(1, 24)), 0);
    expect(pruned.structure!.transformer).toEqual({ attention: [{ node: 'scores', heads: 1, headDim: 8 }], mlpWidths: [24] });
    expect(pruned.macs).toMatchObject({ total: vitMacs(1, 24), partial: false });
    const rows = Object.fromEntries(structureRows(full, String));
    expect(rows.attention).toBe('1 block; heads 2; head dim 8');
    expect(rows['MLP widths']).toBe('32');
  });

  it('reports no transformer for a CNN', () => {
    const g = new OnnxGraph();
    g.input('x', ['N', 4]);
    g.node('Gemm', ['x', g.init('W', [3, 4], seededValues(12, 1))], { transB: 1 }, { outputs: ['logits'] });
    g.output('logits', ['N', 3]);
    expect(analysisToCard(analyzeModelBytes(g.encode()), 0).structure!.transformer).toBeNull();
  });
});
