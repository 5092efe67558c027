import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstMismatch, fixtureFeatures, fixtureHead, fixtureLogits, loadAnalysisFixture } from '../../tools/fixtures/analysis/load-fixture';
import { decomposeClassLogitChanges, decomposeLogitChange, decomposePredMarginChanges, decomposeTrueMarginChanges } from './logit-decomposition';
import type { HeadState, LogitChangeArrays, LogitFactors } from './logit-decomposition';

const factorArb = fc.record({
  classNorm: fc.double({ min: 0, max: 5, noNaN: true }),
  length: fc.double({ min: 0, max: 50, noNaN: true }),
  cos: fc.double({ min: -1, max: 1, noNaN: true }),
  bias: fc.double({ min: -3, max: 3, noNaN: true }),
});
const logit = (f: LogitFactors) => f.classNorm * f.length * f.cos + f.bias;

describe('decomposeLogitChange', () => {
  it('splits a change of one factor entirely to that factor', () => {
    const before = { classNorm: 2, length: 3, cos: 0.5, bias: 1 };
    const parts = decomposeLogitChange(before, { ...before, length: 5 });
    expect(parts.length).toBeCloseTo(2 * 2 * 0.5, 12);
    expect(parts.angle).toBe(0);
    expect(parts.classNorm).toBe(0);
    expect(parts.bias).toBe(0);
    const angleOnly = decomposeLogitChange(before, { ...before, cos: -0.5 });
    expect(angleOnly.angle).toBeCloseTo(2 * 3 * -1, 12);
    expect(angleOnly.length).toBe(0);
  });

  it('is the Shapley split by hand for (n, L, k) = (1, 1, 1) → (2, 3, 0.5)', () => {
    // Orders of switching (n, L, k) and each factor's marginal change, averaged over 6 orders.
    const p = decomposeLogitChange({ classNorm: 1, length: 1, cos: 1, bias: 0 }, { classNorm: 2, length: 3, cos: 0.5, bias: 0.25 });
    // φ_L = 2·[(1·1 + 2·0.5)/3 + (1·0.5 + 2·1)/6] = 2·(2/3 + 2.5/6)
    expect(p.length).toBeCloseTo(2 * (2 / 3 + 2.5 / 6), 12);
    // φ_n = 1·[(1·1 + 3·0.5)/3 + (1·0.5 + 3·1)/6]
    expect(p.classNorm).toBeCloseTo(2.5 / 3 + 3.5 / 6, 12);
    // φ_k = −0.5·[(1·1 + 2·3)/3 + (1·3 + 2·1)/6]
    expect(p.angle).toBeCloseTo(-0.5 * (7 / 3 + 5 / 6), 12);
    expect(p.total).toBeCloseTo(3 + 0.25 - 1, 12);
  });

  it('parts sum exactly to Δz and swapping the states negates them', () => {
    fc.assert(
      fc.property(factorArb, factorArb, (a, b) => {
        const p = decomposeLogitChange(a, b);
        const q = decomposeLogitChange(b, a);
        const scale = 1 + Math.abs(logit(a)) + Math.abs(logit(b));
        expect(Math.abs(p.length + p.angle + p.classNorm + p.bias - (logit(b) - logit(a)))).toBeLessThan(1e-12 * scale);
        expect(p.classNormBias).toBeCloseTo(p.classNorm + p.bias, 12);
        for (const key of ['length', 'angle', 'classNorm', 'bias'] as const) expect(Math.abs(p[key] + q[key])).toBeLessThan(1e-12 * scale);
      }),
      { numRuns: 500 },
    );
  });
});

describe('logit and margin decomposition against the NumPy reference', () => {
  const fx = loadAnalysisFixture();
  const { D } = fx.expected.meta;
  const gn2 = fx.expected.meta.sets.indexOf('gaussian_noise/2');
  const state = (m: number, set: number, features: Float32Array): HeadState => ({ head: fixtureHead(fx, m), features, logits: fixtureLogits(fx, m, set) });
  const cases: Record<string, [HeadState, HeadState]> = {
    denseToMagnitude50Clean: [state(0, 0, fixtureFeatures(fx, 0)), state(1, 0, fixtureFeatures(fx, 1))],
    denseCleanToGaussianNoise2: [state(0, 0, fixtureFeatures(fx, 0)), state(0, gn2, fx.featuresDenseGn2)],
  };
  const check = (got: LogitChangeArrays, want: Record<string, (number | null)[]>) => {
    for (const key of ['length', 'angle', 'classNorm', 'bias', 'total', 'residual'] as const) {
      expect([key, firstMismatch(got[key] as Float32Array, want[key], 1e-4, 1e-4)]).toEqual([key, -1]);
    }
  };
  for (const [name, [before, after]] of Object.entries(cases)) {
    const want = fx.expected.decomposition[name];
    it(`${name}: true-class logit`, () => check(decomposeClassLogitChanges(before, after, fx.labels), want.classLogit));
    it(`${name}: true-class margin`, () => check(decomposeTrueMarginChanges(before, after, fx.labels), want.trueMargin));
    it(`${name}: predicted-class margin`, () => check(decomposePredMarginChanges(before, after, fx.labels.length), want.predMargin));
  }
  it('without logits the roles come from W f + b, the parts sum to Δm of W f + b, and there is no residual', () => {
    const [before, after] = cases.denseToMagnitude50Clean;
    const got = decomposeTrueMarginChanges({ ...before, logits: undefined }, { ...after, logits: undefined }, fx.labels);
    expect(got.residual).toBeUndefined();
    const { C } = fx.expected.meta;
    const margin = (s: HeadState, i: number) => {
      const z = Array.from({ length: C }, (_, c) => {
        let v = s.head.bias[c];
        for (let k = 0; k < D; k++) v += s.head.weights[c * D + k] * s.features[i * D + k];
        return v;
      });
      const y = fx.labels[i];
      return z[y] - Math.max(...z.filter((_, c) => c !== y));
    };
    for (let i = 0; i < fx.labels.length; i += 7) expect(got.total[i]).toBeCloseTo(margin(after, i) - margin(before, i), 4);
  });
});
