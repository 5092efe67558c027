import { describe, expect, it } from 'vitest';
import { fixtureLogits, loadAnalysisFixture } from '../../tools/fixtures/analysis/load-fixture';
import { Category, corruptionCategories, corruptionFragility, findPies, modalPredictions, pruningCategories, pruningCategoryNames } from './categories';
import { predictionsFromLogits } from './sample-geometry';

describe('categories by hand', () => {
  it('codes the four cases and counts them', () => {
    const dense = Uint8Array.from([1, 1, 0, 0, 1]);
    const pruned = Uint8Array.from([1, 0, 1, 0, 1]);
    const { codes, counts } = pruningCategories(dense, pruned);
    expect(Array.from(codes)).toEqual([Category.BothRight, Category.Lost, Category.Gained, Category.BothWrong, Category.BothRight]);
    expect(counts).toEqual([2, 1, 1, 1]);
    expect(pruningCategoryNames[Category.Lost]).toBe('pruning-fragile');
    expect(() => pruningCategories(dense, pruned.subarray(1))).toThrow(/expected 5/);
  });
  it('modal prediction breaks ties toward the lowest class; PIEs differ from the dense prediction', () => {
    const pruned = [Int32Array.from([2, 1, 0]), Int32Array.from([1, 1, 0]), Int32Array.from([2, 0, 0])];
    expect(Array.from(modalPredictions(pruned.slice(0, 2), 3))).toEqual([1, 1, 0]);
    const pies = findPies(Int32Array.from([2, 0, 0]), pruned, 3);
    expect(Array.from(pies.prunedModal)).toEqual([2, 1, 0]);
    expect(Array.from(pies.isPie)).toEqual([0, 1, 0]);
    expect(pies.count).toBe(1);
  });
});

describe('categories against the NumPy reference', () => {
  const fx = loadAnalysisFixture();
  const { models, sets, C } = fx.expected.meta as { models: string[]; sets: string[]; C: number };
  const run = models.map((_, m) => sets.map((_s, k) => predictionsFromLogits(fixtureLogits(fx, m, k), C, fx.labels)));
  it('pruning categories per pruned model and set', () => {
    for (const m of [1, 2]) {
      sets.forEach((set, k) => {
        const { codes } = pruningCategories(run[0][k].correct, run[m][k].correct);
        expect([models[m], set, Array.from(codes)]).toEqual([models[m], set, fx.expected.pruningCodes[models[m]][k]]);
      });
    }
  });
  it('corruption-fragile per model and corrupted set', () => {
    models.forEach((id, m) => {
      for (let k = 1; k < sets.length; k++) {
        const { codes } = corruptionCategories(run[m][0].correct, run[m][k].correct);
        expect(Array.from(codes)).toEqual(fx.expected.corruptionCodes[id][k - 1]);
      }
    });
  });
  it('corruption fragility counts across all corrupted sets of a model', () => {
    const { fragileCount, perSet } = corruptionFragility(run[1][0].correct, run[1].slice(1).map((r) => r.correct));
    const want = fx.expected.corruptionCodes[models[1]] as number[][];
    expect(perSet.map((r) => Array.from(r.codes))).toEqual(want);
    expect(Array.from(fragileCount)).toEqual(fx.labels.length ? Array.from(fx.labels, (_, i) => want.filter((codes) => codes[i] === 1).length) : []);
    expect(Math.max(...fragileCount)).toBeGreaterThan(1);
  });
  it('PIEs per set', () => {
    sets.forEach((_set, k) => {
      const pies = findPies(run[0][k].pred, [run[1][k].pred, run[2][k].pred], C);
      expect(Array.from(pies.prunedModal)).toEqual(fx.expected.pies[k].prunedModal);
      expect(Array.from(pies.isPie)).toEqual(fx.expected.pies[k].isPie);
    });
    expect(fx.expected.pies[0].isPie.some((v: number) => v === 1)).toBe(true);
  });
});
