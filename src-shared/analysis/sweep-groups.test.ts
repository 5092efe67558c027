import { describe, expect, it } from 'vitest';
import { manifestSchema } from '../bundle/manifest';
import { fillSweepStats, groupSweeps, sweepModelInfo, sweepX } from './sweep-groups';
import type { SweepModelInfo } from './sweep-groups';

const gmp = 'Global magnitude';
const rnd = 'Random';
const demoLike: SweepModelInfo[] = [
  { id: 'dense', role: 'dense', method: 'Dense', sparsity: 0, nonZeroParameters: 1000, effectiveMacs: 5000 },
  { id: 'random-80', role: 'pruned', method: rnd, sparsity: 0.8 },
  { id: 'random-50', role: 'pruned', method: rnd, sparsity: 0.5 },
  { id: 'gmp-50', role: 'pruned', method: gmp, sparsity: 0.5, nonZeroParameters: 500, effectiveMacs: 2600 },
  { id: 'gmp-95', role: 'pruned', method: gmp, sparsity: 0.95, nonZeroParameters: 50 },
  { id: 'gmp-80', role: 'pruned', method: gmp, sparsity: 0.8, nonZeroParameters: 200, effectiveMacs: 1100 },
  { id: 'lwm-80', role: 'pruned', method: 'Layer-wise', sparsity: 0.8 },
  { id: 'imp-80', role: 'pruned', method: 'IMP', sparsity: 0.8 },
];

describe('groupSweeps', () => {
  it('groups pruned models by method, dense first at 0, levels by sparsity; single-level methods are no sweep', () => {
    const sweeps = groupSweeps(demoLike);
    expect(sweeps.map((s) => s.key)).toEqual([rnd, gmp]);
    expect(sweeps[0].points.map((p) => [p.modelId, p.sparsity])).toEqual([['dense', 0], ['random-50', 0.5], ['random-80', 0.8]]);
    expect(sweeps[1].points.map((p) => p.modelId)).toEqual(['dense', 'gmp-50', 'gmp-80', 'gmp-95']);
  });

  it('an explicit sweep name overrides the method, and two models at one sparsity are not two levels', () => {
    const models: SweepModelInfo[] = [
      { id: 'd', role: 'dense', method: 'Dense' },
      { id: 'a', role: 'pruned', method: 'A', sparsity: 0.5, sweep: 'mag' },
      { id: 'b', role: 'pruned', method: 'B', sparsity: 0.9, sweep: 'mag' },
      { id: 'c', role: 'pruned', method: 'C', sparsity: 0.5 },
      { id: 'c2', role: 'pruned', method: 'C', sparsity: 0.5 },
    ];
    const sweeps = groupSweeps(models);
    expect(sweeps.map((s) => [s.key, s.points.map((p) => p.modelId)])).toEqual([['mag', ['d', 'a', 'b']]]);
  });

  it('falls back to the measured weight sparsity; no dense model, no sweeps', () => {
    const models: SweepModelInfo[] = [
      { id: 'd', role: 'dense', method: 'Dense' },
      { id: 'a', role: 'pruned', method: 'A', weightSparsity: 0.7 },
      { id: 'b', role: 'pruned', method: 'A', sparsity: 0.3 },
      { id: 'x', role: 'pruned', method: 'A' },
    ];
    expect(groupSweeps(models)[0].points.map((p) => [p.modelId, p.sparsity])).toEqual([['d', 0], ['b', 0.3], ['a', 0.7]]);
    expect(groupSweeps(models.slice(1))).toEqual([]);
  });

  it('x-axis: sparsity, remaining parameters, effective MACs (null where the card lacks it)', () => {
    const g = groupSweeps(demoLike)[1];
    expect(g.points.map((p) => sweepX(p, 'sparsity'))).toEqual([0, 0.5, 0.8, 0.95]);
    expect(g.points.map((p) => sweepX(p, 'remainingParameters'))).toEqual([1000, 500, 200, 50]);
    expect(g.points.map((p) => sweepX(p, 'effectiveMacs'))).toEqual([5000, 2600, 1100, null]);
  });

  it('model summaries: effective MACs are the zero-skipping count when the card has one; fillSweepStats sets the x-axes', () => {
    const dense = { id: 'd', role: 'dense' as const, method: 'Dense', card: { nonZeroParameters: 100, macs: { total: 900 } } };
    const pruned = { id: 'p', role: 'pruned' as const, method: 'M', sweep: 's', card: { weightSparsity: 0.5, nonZeroParameters: 50, macs: { total: 900, sparse: 400 } } };
    expect(sweepModelInfo(pruned)).toEqual({ id: 'p', role: 'pruned', method: 'M', sweep: 's', weightSparsity: 0.5, nonZeroParameters: 50, effectiveMacs: 400 });
    const bare = [{ key: 's', levels: [{ modelId: 'd', sparsity: 0, remainingParameters: null, effectiveMacs: null }, { modelId: 'p', sparsity: 0.5, remainingParameters: null, effectiveMacs: null }] }];
    expect(fillSweepStats(bare, [dense, pruned])[0].levels.map((l) => [l.remainingParameters, l.effectiveMacs])).toEqual([[100, 900], [50, 400]]);
  });

  it('bundle.json accepts an optional sweep name on a model', () => {
    const manifest = { name: 'b', classes: ['a', 'b'], input: { layout: 'NCHW', scale: 255, mean: [0], std: [1] }, data: { clean: { images: 'x.npy', labels: 'y.npy' } } };
    expect(manifestSchema.safeParse({ ...manifest, models: [{ id: 'd', path: 'd.onnx', role: 'dense', method: 'D' }, { id: 'p', path: 'p.onnx', role: 'pruned', method: 'M', sparsity: 0.5, sweep: 'mag' }] }).success).toBe(true);
    expect(manifestSchema.safeParse({ ...manifest, models: [{ id: 'd', path: 'd.onnx', role: 'dense', method: 'D', sweep: '' }] }).success).toBe(false);
  });
});
