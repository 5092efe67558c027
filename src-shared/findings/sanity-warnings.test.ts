// The sanity rules: exact binomial tails (expected values from Python's exact rational sums with
// math.comb), and which results raise which warning.
import { describe, expect, it } from 'vitest';
import type { EvaluationTable } from '../api/result-types';
import { binomialLowerTail, binomialUpperTail, formatSanityWarning, logGamma, sanityModelsOf, sanityWarnings } from './sanity-warnings';
import type { SanityModel } from './sanity-warnings';

const ten = Array.from({ length: 10 }, (_, i) => `c${i}`);
const dense = (accuracy: number, extra: Partial<SanityModel> = {}): SanityModel => ({ id: 'dense', role: 'dense', accuracy, count: 500, ...extra });
/** 500 balanced labels (50 per class). */
const balanced = Int32Array.from({ length: 500 }, (_, i) => i % 10);

describe('binomial tails', () => {
  it('match exact sums', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247004, 12);
    expect(logGamma(10.3)).toBeCloseTo(13.48203678613836, 11);
    expect(logGamma(1001)).toBeCloseTo(5912.128178488163, 8);
    expect(binomialUpperTail(60, 500, 0.1)).toBeCloseTo(0.08098716222703263, 12);
    expect(binomialUpperTail(72, 500, 0.1) / 0.001143814238075766).toBeCloseTo(1, 9);
    expect(binomialUpperTail(73, 500, 0.1) / 0.0007265458984486578).toBeCloseTo(1, 9);
    expect(binomialUpperTail(181, 500, 0.1) / 1.594354773633103e-55).toBeCloseTo(1, 6);
    expect(binomialLowerTail(440, 500, 0.926) / 0.00017329517192240463).toBeCloseTo(1, 8);
    expect(binomialLowerTail(455, 500, 0.926)).toBeCloseTo(0.10239590695934275, 10);
    expect(binomialUpperTail(3, 10, 0.5)).toBeCloseTo(0.9453125, 14);
    expect([binomialUpperTail(0, 5, 0.3), binomialUpperTail(6, 5, 0.3)]).toEqual([1, 0]);
  });
});

describe('sanity warnings', () => {
  it('flag a dense model near chance: 72/500 on 10 classes is not significant at 0.1 %, 73/500 is', () => {
    expect(sanityWarnings([dense(72 / 500)], ten).map((w) => w.kind)).toEqual(['near-chance']);
    expect(sanityWarnings([dense(73 / 500)], ten).map((w) => w.kind)).toEqual(['low-accuracy']);
    const [w] = sanityWarnings([dense(0.1)], ten);
    expect(formatSanityWarning(w)).toMatch(/scores 10\.0 %.*chance \(10\.0 % for 10 classes.*Likely causes: input normalisation.*pixel scale.*layout.*class order/);
  });

  it('flag the issue\'s 36.2 % dense model as low, and leave 92.6 % alone', () => {
    const warnings = sanityWarnings([dense(0.362)], ten);
    expect(warnings.map((w) => w.kind)).toEqual(['low-accuracy']);
    expect(warnings[0].message).toMatch(/36\.2 %.*halfway from chance \(10\.0 %\)/);
    expect(sanityWarnings([dense(0.926, { pred: balanced, labels: balanced })], ten)).toEqual([]);
    expect(sanityWarnings([dense(0.549)], ten).map((w) => w.kind)).toEqual(['low-accuracy']); // (1 + 0.1)/2 = 55 %
    expect(sanityWarnings([dense(0.551)], ten)).toEqual([]);
  });

  it('compare with a declared expectedAccuracy: 440/500 vs 92.6 % is far below, 455/500 is within the spread', () => {
    const pruned = (correct: number): SanityModel => ({ id: 'p', role: 'pruned', accuracy: correct / 500, count: 500, expectedAccuracy: 0.926 });
    expect(sanityWarnings([dense(0.93), pruned(440)], ten).map((w) => [w.kind, w.modelId])).toEqual([['below-expected', 'p']]);
    expect(sanityWarnings([dense(0.93), pruned(455)], ten)).toEqual([]);
    // a declared low baseline silences low-accuracy, but not near-chance
    expect(sanityWarnings([dense(0.4, { expectedAccuracy: 0.41 })], ten)).toEqual([]);
    expect(sanityWarnings([dense(0.1, { expectedAccuracy: 0.41 })], ten).map((w) => w.kind)).toEqual(['near-chance', 'below-expected']);
  });

  it('flag predictions collapsed onto two classes, unless the labels are that skewed too', () => {
    const collapsed = Int32Array.from({ length: 500 }, (_, i) => (i % 10 === 3 ? 3 : i % 5 === 0 ? 0 : 7));
    const acc = 0.6; // accuracy alone would not warn
    const [w] = sanityWarnings([dense(acc, { pred: collapsed, labels: balanced })], ten);
    expect(w.kind).toBe('collapsed-predictions');
    expect(w.message).toMatch(/predicts "c7" and "c0" for 90\.0 % of the clean samples.*only 20\.0 %/);
    const skewedLabels = Int32Array.from(collapsed);
    expect(sanityWarnings([dense(acc, { pred: collapsed, labels: skewedLabels })], ten)).toEqual([]);
    expect(sanityWarnings([dense(acc, { pred: balanced, labels: balanced })], ten)).toEqual([]);
  });

  it('report non-finite outputs of any model, and skip cells not computed', () => {
    const warnings = sanityWarnings([{ id: 'p', role: 'pruned', accuracy: 0.9, count: 500, nonFinite: 12 }, dense(NaN)], ten);
    expect(warnings.map((w) => [w.kind, w.modelId])).toEqual([['non-finite', 'p']]);
    expect(warnings[0].message).toMatch(/12 of 500/);
  });

  it('put a guessed, unconfirmed normalisation first, even when every accuracy looks fine', () => {
    const models = [{ id: 'p', role: 'pruned' as const, accuracy: 0.9, count: 500 }, dense(0.926)];
    expect(sanityWarnings(models, ten)).toEqual([]);
    expect(sanityWarnings(models, ten, { guessed: undefined })).toEqual([]);
    const warnings = sanityWarnings(models, ten, { guessed: 'CIFAR-10, guessed by prunelens init from 32×32×3 input, 10 classes' });
    expect(warnings.map((w) => [w.kind, w.modelId])).toEqual([['guessed-normalisation', 'dense']]);
    expect(formatSanityWarning(warnings[0])).toMatch(/guessed, not confirmed.*"CIFAR-10, guessed by prunelens init.*delete input\.guessed.*Likely causes: input normalisation/);
    const low = sanityWarnings([dense(0.362)], ten, { guessed: 'x' });
    expect(low.map((w) => w.kind)).toEqual(['guessed-normalisation', 'low-accuracy']);
  });
});

describe('sanity input from the evaluation grid', () => {
  it('takes clean accuracies, declared accuracies, loaded cells and the grid\'s non-finite counts', () => {
    const sets = [{ id: 'fog-s1', corruption: 'fog', severity: 1, group: 'benchmark' }, { id: 'clean', corruption: 'clean', severity: 0, group: 'clean' }] as EvaluationTable['sets'];
    const table = {
      models: [{ id: 'dense', role: 'dense', method: 'D', sparsity: null }, { id: 'p', role: 'pruned', method: 'P', sparsity: 0.5 }],
      sets,
      accuracy: Float32Array.from([0.5, 0.9, 0.4, 0.8]),
      nonFiniteLogits: Int32Array.from([0, 0, 9, 3]),
      nonFiniteFeatures: Int32Array.from([0, 0, 0, 5]),
    } as unknown as EvaluationTable;
    const models = sanityModelsOf(table, { models: [{ id: 'p', path: 'p.onnx', role: 'pruned', method: 'P', expectedAccuracy: 0.85 }] }, 200, { dense: { pred: balanced, labels: balanced } });
    expect(models.map((m) => [m.id, m.accuracy.toFixed(2), m.count, m.expectedAccuracy, m.nonFinite, m.pred === balanced])).toEqual([
      ['dense', '0.90', 200, undefined, 0, true],
      ['p', '0.80', 200, 0.85, 5, false],
    ]);
  });
});
