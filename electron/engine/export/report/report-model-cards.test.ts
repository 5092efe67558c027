// The report's model cards: structure rows (quantisation, N:M, effective MACs, transformer, parent
// comparison) and the per-layer pattern column, from cards read off built ONNX graphs.
import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../../../src-shared/api/types';
import { analysisToCard, analyzeModelBytes } from '../../../../src-shared/onnx/model-analysis';
import { ELEM, OnnxGraph } from '../../../../tools/testing/onnx-graph';
import { miniVit } from '../../../../tools/testing/tiny-vit-onnx';
import type { ReportData } from './report-data';
import { modelCardsSection } from './report-samples';

function qdqModel(): Uint8Array {
  const g = new OnnxGraph(13);
  g.input('x', ['N', 4]);
  const w = g.node('DequantizeLinear', [g.init('wq', [3, 4], [1, -2, 3, 0, 4, 5, -6, 7, 8, 9, 10, -11], ELEM.int8), g.init('ws', [3], [0.1, 0.2, 0.3]), g.init('wz', [3], [0, 0, 0], ELEM.int8)], { axis: 0 });
  g.node('Gemm', ['x', w], { transB: 1 }, { name: 'fc', outputs: ['logits'] });
  g.output('logits', ['N', 3]);
  return g.encode();
}

const model = (id: string, bytes: Uint8Array, extra: Partial<ModelSummary> = {}): ModelSummary => ({ id, path: `${id}.onnx`, role: 'pruned', method: id, card: analysisToCard(analyzeModelBytes(bytes), bytes.length), ...extra });

function render(models: ModelSummary[]): string {
  const evaluation = { models: models.map((m) => ({ id: m.id, role: m.role })), sets: [{ id: 'clean' }], accuracy: models.map(() => 0.9), robustAccuracy: models.map(() => 0.5) };
  const data = { bundle: { models, classes: [] }, evaluation } as unknown as ReportData;
  return modelCardsSection(data);
}

describe('report model cards', () => {
  it('show quantisation per layer and for the model, transformer heads and full MACs', () => {
    const html = render([model('int8', qdqModel()), model('vit', miniVit(1, 24))]);
    expect(html).toContain('<th>quantisation</th><td>QDQ: int8 per-channel symmetric (1 layer) of 1</td>');
    expect(html).toMatch(/<td title="fc">fc<\/td><td>Gemm<\/td>.*<td>int8 per-channel symmetric<\/td><\/tr>/);
    expect(html).toContain('<th>attention</th><td>1 block; heads 1; head dim 8</td>');
    expect(html).toContain('<th>MLP widths</th><td>24</td>');
    expect(html).not.toContain('(partial)');
  });

  it('say "different architecture" instead of a removed share when layers do not match the parent', () => {
    const vit = model('vit', miniVit(2, 32));
    vit.card!.shrink = { parent: 'dense', keptParameters: 1, sameArchitecture: false, structurallyPruned: false, layers: [], factorised: [], unmatched: ['qkv', 'proj'], unmatchedParent: ['conv1'] };
    const html = render([vit]);
    const text = html.replace(/&#39;|&#x27;/g, "'");
    expect(text).toContain("<th>vs parent</th><td>different architecture from 'dense': 0 of 2 layers matched (0 by shape), 2 unmatched here, 1 of 'dense' unmatched</td>");
    expect(html).not.toMatch(/channels removed|keeps -/);
  });
});
