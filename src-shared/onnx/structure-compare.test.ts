import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../api/types';
import { structureRows } from './card-text';
import type { LayerStat } from './layer-stats';
import { compareStructure } from './structure-compare';

/** A layer with `shape` [out, in, …] (Conv / Gemm transB layout), all weights non-zero. */
function layer(name: string, op: string, shape: number[]): LayerStat {
  const parameters = shape.reduce((a, b) => a * b, 1);
  return { name, op, weight: `${name}.weight`, shape, parameters, nonZeros: parameters, sparsity: 0, biasParameters: 0, outChannels: shape[0], inChannels: shape[1], macs: null, nm: null, quantisation: null };
}

const plainCnn = [layer('conv1', 'Conv', [16, 3, 3, 3]), layer('conv2', 'Conv', [32, 16, 3, 3]), layer('fc', 'Gemm', [10, 32])];

/** What the card says about the comparison (the rows the report and `inspect` print). */
function parentRows(s: ReturnType<typeof compareStructure>): string[] {
  const card = { layers: [], shrink: { parent: 'dense', ...s, layers: s.layers.map((l) => ({ ...l })) } } as unknown as NonNullable<ModelSummary['card']>;
  return structureRows(card, String).filter(([k]) => k === 'vs parent').map(([, v]) => v);
}

describe('structure vs the parent', () => {
  it('matches a channel-pruned copy by name and reports what it keeps', () => {
    const pruned = [layer('conv1', 'Conv', [8, 3, 3, 3]), layer('conv2', 'Conv', [16, 8, 3, 3]), layer('fc', 'Gemm', [10, 16])];
    const s = compareStructure(pruned, plainCnn);
    expect(s).toMatchObject({ sameArchitecture: true, structurallyPruned: true, unmatched: [], unmatchedParent: [] });
    expect(s.layers.map((l) => [l.name, l.matchedBy, l.parentOutChannels, l.outChannels])).toEqual([['conv1', 'name', 16, 8], ['conv2', 'name', 32, 16], ['fc', 'name', 10, 10]]);
    expect(s.keptParameters).toBeCloseTo((216 + 1152 + 160) / (432 + 4608 + 320), 12);
    expect(parentRows(s)).toEqual(['channels removed: keeps 28.5 % of \'dense\'\'s parameters in matched layers']);
  });

  it('never matches a different architecture by position: unmatched layers, no removed share', () => {
    const resnet = [
      layer('stem', 'Conv', [16, 3, 3, 3]),
      layer('layer1.conv1', 'Conv', [16, 16, 3, 3]),
      layer('layer1.conv2', 'Conv', [16, 16, 3, 3]),
      layer('downsample', 'Conv', [32, 16, 1, 1]),
      layer('fc', 'Gemm', [10, 32]),
    ];
    const s = compareStructure(resnet, plainCnn);
    expect(s.layers.map((l) => [l.name, l.parentName, l.matchedBy])).toEqual([['stem', 'conv1', 'shape'], ['fc', 'fc', 'name']]);
    expect(s).toMatchObject({ sameArchitecture: false, structurallyPruned: false, unmatched: ['layer1.conv1', 'layer1.conv2', 'downsample'], unmatchedParent: ['conv2'] });
    expect(s.keptParameters).toBe(1);
    const rows = parentRows(s);
    expect(rows).toEqual(["different architecture from 'dense': 2 of 5 layers matched (1 by shape), 3 unmatched here, 1 of 'dense' unmatched"]);
    expect(rows.join(' ')).not.toMatch(/%|removed/);
  });

  it('a wider layer under the same name is not a pruned copy', () => {
    const wider = [layer('conv1', 'Conv', [32, 3, 3, 3]), layer('conv2', 'Conv', [32, 32, 3, 3]), layer('fc', 'Gemm', [10, 32])];
    expect(compareStructure(wider, plainCnn)).toMatchObject({ sameArchitecture: false, structurallyPruned: false });
  });

  it('matches a factorised pair to the parent layer it replaces, as low rank, not channels removed', () => {
    const parent = [layer('fc1', 'Gemm', [64, 128]), layer('head', 'Gemm', [10, 64])];
    const model = [layer('fc1_u', 'Gemm', [16, 128]), layer('fc1_v', 'Gemm', [64, 16]), layer('head', 'Gemm', [10, 64])];
    const s = compareStructure(model, parent, [{ first: 'fc1_u', second: 'fc1_v', rank: 16, fullRank: 64 }]);
    expect(s.factorised).toEqual([{ first: 'fc1_u', second: 'fc1_v', parentName: 'fc1', rank: 16, fullRank: 64, parentParameters: 8192, parameters: 2048 + 1024 }]);
    expect(s).toMatchObject({ sameArchitecture: true, structurallyPruned: false, unmatched: [], unmatchedParent: [] });
    expect(s.keptParameters).toBeCloseTo((3072 + 640) / (8192 + 640), 12);
    expect(parentRows(s)).toEqual(["fc1 of 'dense' factorised as fc1_u → fc1_v (r=16 of 64)"]);
    // the first factor kept the parent layer's name: still the pair, not "fc1 with channels removed"
    const renamed = [layer('fc1', 'Gemm', [16, 128]), layer('fc1_b', 'Gemm', [64, 16]), layer('head', 'Gemm', [10, 64])];
    const r = compareStructure(renamed, parent, [{ first: 'fc1', second: 'fc1_b', rank: 16, fullRank: 64 }]);
    expect(r.factorised.map((f) => [f.first, f.second, f.parentName])).toEqual([['fc1', 'fc1_b', 'fc1']]);
    expect(r.layers.map((l) => l.name)).toEqual(['head']);
    expect(r).toMatchObject({ sameArchitecture: true, structurallyPruned: false });
  });
});
