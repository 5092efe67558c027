import { describe, expect, it } from 'vitest';
import { fixtureLogits, isClose, loadAnalysisFixture } from '../../tools/fixtures/analysis/load-fixture';
import { benchmarkCorruptions } from '../bundle/manifest';
import { computeRobustness } from './robustness';
import type { ModelErrorRates } from './robustness';
import { predictionsFromLogits } from './sample-geometry';

/** Error rates of every fixture model × set, computed here from the stored logits. */
function fixtureErrorRates(): ModelErrorRates[] {
  const fx = loadAnalysisFixture();
  const { models, sets, C } = fx.expected.meta as { models: string[]; sets: string[]; C: number };
  return models.map((id, m) => {
    const error = (k: number) => {
      const { correct } = predictionsFromLogits(fixtureLogits(fx, m, k), C, fx.labels);
      return 1 - correct.reduce((a, b) => a + b, 0) / correct.length;
    };
    const corrupted: Record<string, number[]> = {};
    sets.forEach((name, k) => {
      if (k === 0) return;
      const [corruption] = name.split('/');
      (corrupted[corruption] ??= []).push(error(k));
    });
    return { id, clean: error(0), corrupted };
  });
}

describe('computeRobustness against the NumPy reference', () => {
  const fx = loadAnalysisFixture();
  const rates = fixtureErrorRates();
  it('error rates from the logits match', () => {
    rates.forEach((r, m) => {
      const want = fx.expected.errorRates[m];
      expect(isClose(r.clean, want.clean, 1e-8)).toBe(true);
      for (const c of fx.expected.meta.corruptions) Array.from(r.corrupted[c]).forEach((e, s) => expect(isClose(e, want.corrupted[c][s], 1e-8)).toBe(true));
    });
  });
  it('CE, relative CE, mCE, relative mCE and robust accuracy, benchmark and extra apart', () => {
    const result = computeRobustness(rates, { baseline: 'dense' });
    expect(result.flags).toEqual([]);
    result.models.forEach((got, m) => {
      const want = fx.expected.robustness.models[m];
      expect(got.id).toBe(want.id);
      for (const c of fx.expected.meta.corruptions) {
        expect([c, isClose(got.ce[c], want.ce[c])]).toEqual([c, true]);
        expect([c, isClose(got.relativeCe[c], want.relativeCe[c])]).toEqual([c, true]);
      }
      for (const group of ['benchmark', 'extra'] as const) {
        for (const key of ['robustAccuracy', 'mce', 'relativeMce'] as const) {
          expect([group, key, isClose(got[group][key], want[group][key])]).toEqual([group, key, true]);
        }
      }
      expect(got.benchmark.corruptions).toEqual(fx.expected.meta.benchmark);
      expect(got.benchmark.missing).toEqual(benchmarkCorruptions.filter((c) => !fx.expected.meta.benchmark.includes(c)));
      expect(got.extra.corruptions).toEqual(['saturate']);
      expect(got.benchmark.mceCount).toBe(3);
    });
    // The baseline's CEs are 1 by construction.
    expect(result.models[0].benchmark.mce).toBeCloseTo(1, 12);
  });
});

describe('computeRobustness by hand', () => {
  const models: ModelErrorRates[] = [
    { id: 'dense', clean: 0.1, corrupted: { fog: [0.2, 0.4], snow: [0, 0], contrast: [0.1, 0.1] } },
    { id: 'pruned', clean: 0.2, corrupted: { fog: [0.3, 0.5], snow: [0.1, 0.3], contrast: [0.3, 0.5] } },
  ];
  it('computes the definitions and flags zero denominators as NaN', () => {
    const result = computeRobustness(models, { baseline: 'dense', benchmark: ['fog', 'snow', 'contrast'], extra: [] });
    const pruned = result.models[1];
    expect(pruned.ce.fog).toBeCloseTo(0.8 / 0.6, 12);
    expect(pruned.relativeCe.fog).toBeCloseTo((0.1 + 0.3) / (0.1 + 0.3), 12);
    expect(pruned.ce.snow).toBeNaN();
    expect(pruned.relativeCe.snow).toBeCloseTo((-0.1 + 0.1) / (-0.1 - 0.1), 12);
    expect(pruned.ce.contrast).toBeCloseTo(0.8 / 0.2, 12);
    expect(pruned.relativeCe.contrast).toBeNaN();
    expect(pruned.benchmark.mce).toBeCloseTo((0.8 / 0.6 + 4) / 2, 12);
    expect(pruned.benchmark.mceCount).toBe(2);
    expect(pruned.benchmark.relativeMceCount).toBe(2);
    expect(pruned.benchmark.robustAccuracy).toBeCloseTo(1 - (0.3 + 0.5 + 0.1 + 0.3 + 0.3 + 0.5) / 6, 12);
    expect(pruned.extra.robustAccuracy).toBeNaN();
    expect(result.flags.map((f) => `${f.corruption}:${f.score}`).sort()).toEqual(['contrast:relative-ce', 'snow:ce']);
    for (const v of Object.values(pruned.ce)) expect(Number.isFinite(v) || Number.isNaN(v)).toBe(true);
  });
  it('reports corruptions some model lacks as missing, and rejects bad input', () => {
    const partial = [models[0], { ...models[1], corrupted: { fog: [0.3, 0.5] } }];
    const result = computeRobustness(partial, { baseline: 'dense', benchmark: ['fog', 'snow'], extra: [] });
    expect(result.models[1].benchmark.missing).toEqual(['snow']);
    expect(() => computeRobustness(models, { baseline: 'nope' })).toThrow(/baseline model "nope"/);
    expect(() => computeRobustness(models)).toThrow(/role "dense"/);
    const withRoles = [{ ...models[1], role: 'pruned' as const }, { ...models[0], role: 'dense' as const }];
    expect(computeRobustness(withRoles, { benchmark: ['fog'], extra: [] }).baseline).toBe('dense');
    expect(() => computeRobustness([{ ...models[1], id: 'dense', corrupted: { fog: [0.2] } }, models[1]], { baseline: 'dense', benchmark: ['fog'], extra: [] })).toThrow(/severities/);
    expect(() => computeRobustness([{ ...models[0], clean: 1.5 }], { baseline: 'dense' })).toThrow(/not in \[0, 1\]/);
  });
});
