import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { BundleSummary, ModelSummary } from '../../../src-shared/api/types';
import { analysisToCard, analyzeModelBytes } from '../../../src-shared/onnx/model-analysis';
import { miniVit } from '../../../tools/testing/tiny-vit-onnx';
import { ModelsTable } from './models-table';

describe('ModelsTable', () => {
  it('shows each model\'s structure: heads, MLP widths and the comparison with its parent', () => {
    const bytes = miniVit(1, 24);
    const vit: ModelSummary = { id: 'vit-pruned', path: 'v.onnx', role: 'pruned', method: 'heads', card: analysisToCard(analyzeModelBytes(bytes), bytes.length) };
    vit.card!.shrink = { parent: 'cnn', keptParameters: 1, sameArchitecture: false, structurallyPruned: false, layers: [], factorised: [], unmatched: ['qkv'], unmatchedParent: [] };
    const bundle = { name: 'b', dir: '/b', classes: [], models: [vit], limit: null, data: { clean: { images: '', labels: '' }, corrupted: 'none' } } as BundleSummary;
    const html = renderToStaticMarkup(<ModelsTable bundle={bundle} />).replace(/&#x27;|&#39;/g, "'");
    expect(html).toContain('<th>Structure</th>');
    expect(html).toContain('<b>attention</b> 1 block; heads 1; head dim 8');
    expect(html).toContain('<b>MLP widths</b> 24');
    expect(html).toContain("<b>vs parent</b> different architecture from 'cnn': 0 of 1 layers matched");
  });
});
