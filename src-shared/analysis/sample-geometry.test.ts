import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstMismatch, fixtureFeatures, fixtureHead, fixtureLogits, loadAnalysisFixture } from '../../tools/fixtures/analysis/load-fixture';
import { PruneLensError } from '../base/errors';
import { computeSampleGeometry, cosToDegrees, predictionsFromLogits } from './sample-geometry';
import { sampleMetrics } from './types';
import type { LinearHead } from './types';

function head(weight: number[][], bias?: number[]): LinearHead {
  const C = weight.length;
  const d = weight[0].length;
  return { weights: Float32Array.from(weight.flat()), bias: Float32Array.from(bias ?? new Array(C).fill(0)), classes: C, featureDim: d };
}

/** Logits W f + b for a list of feature rows. */
function logitsOf(h: LinearHead, features: number[][]): Float32Array {
  return Float32Array.from(features.flatMap((f) => Array.from({ length: h.classes }, (_, c) => f.reduce((s, v, k) => s + v * h.weights[c * h.featureDim + k], h.bias[c]))));
}

function run(h: LinearHead, features: number[][], labels: number[], logits?: number[][]) {
  return computeSampleGeometry({
    head: h,
    features: Float32Array.from(features.flat()),
    labels: Int32Array.from(labels),
    logits: logits ? Float32Array.from(logits.flat()) : logitsOf(h, features),
  });
}

describe('computeSampleGeometry by hand', () => {
  it('clamps a cosine that rounds past ±1: f parallel to w gives 0° and 180°, never NaN', () => {
    // For f = w = (9.1, 8.3) (float32) the dot product over the two norms rounds to 1 + 2⁻⁵²; acos of that is NaN.
    const h = head([[9.1, 8.3], [1, 0]]);
    const g = run(h, [[9.1, 8.3], [-9.1, -8.3], [9.1, 8.3]], [0, 0, 1]);
    expect(Array.from(g.angleGt.subarray(0, 2))).toEqual([0, 180]);
    expect(g.anglePred[0]).toBe(0);
    expect(g.angleRival[2]).toBe(0); // the rival (class 0) is parallel to f
    expect(cosToDegrees(1 + 2 ** -52)).toBe(0);
    expect(cosToDegrees(-1 - 2 ** -52)).toBe(180);
  });

  it('2-class head: f = (1, 0), w = (1,0), (0,1) → 0° and 90°', () => {
    const g = run(head([[1, 0], [0, 1]]), [[1, 0], [2, 2]], [0, 1]);
    expect(g.length[0]).toBe(1);
    expect(g.angleGt[0]).toBe(0);
    expect(g.angleRival[0]).toBeCloseTo(90, 5);
    expect(g.anglePred[0]).toBe(0);
    // z = (1, 0): margin 1, geometric margin 1 / ‖(1,0) − (0,1)‖ = 1/√2.
    expect(g.logitMargin[0]).toBe(1);
    expect(g.geomMargin[0]).toBeCloseTo(1 / Math.SQRT2, 6);
    const p = Math.E / (Math.E + 1);
    expect(g.confidence[0]).toBeCloseTo(p, 6);
    expect(g.predConfidence[0]).toBeCloseTo(p, 6);
    expect(g.entropy[0]).toBeCloseTo(-(p * Math.log(p) + (1 - p) * Math.log(1 - p)), 6);
    // f = (2, 2): a tie z = (2, 2) → pred is the lowest index (0), wrong for label 1; angles 45°.
    expect(g.length[1]).toBeCloseTo(2 * Math.SQRT2, 6);
    expect(g.pred[1]).toBe(0);
    expect(g.correct[1]).toBe(0);
    expect(g.angleGt[1]).toBeCloseTo(45, 4);
    expect(g.logitMargin[1]).toBe(0);
    expect(g.confidence[1]).toBeCloseTo(0.5, 7);
    expect(g.entropy[1]).toBeCloseTo(Math.LN2, 7);
    expect(g.zeroFeatureCount).toBe(0);
  });

  it('3-class head with bias: margins and softmax from the given logits', () => {
    const h = head([[1, 0], [0, 1], [-1, 0]], [0, 0.5, 0]);
    // f = (0, 3): θ = 90°, 0°, 90°; z = W f + b = (0, 3.5, 0); true class 0 is wrong.
    const g = run(h, [[0, 3]], [0]);
    expect(g.pred[0]).toBe(1);
    expect(g.correct[0]).toBe(0);
    expect(g.angleGt[0]).toBeCloseTo(90, 4);
    expect(g.anglePred[0]).toBeCloseTo(0, 4);
    expect(g.angleRival[0]).toBeCloseTo(0, 4);
    expect(g.logitMargin[0]).toBeCloseTo(-3.5, 6);
    // (z0 − z1)/‖w0 − w1‖ = −3.5/√2 and (z0 − z2)/‖w0 − w2‖ = 0/2 → min −3.5/√2.
    expect(g.geomMargin[0]).toBeCloseTo(-3.5 / Math.SQRT2, 5);
    const e = [1, Math.exp(3.5), 1];
    const s = e[0] + e[1] + e[2];
    expect(g.confidence[0]).toBeCloseTo(1 / s, 6);
    expect(g.predConfidence[0]).toBeCloseTo(e[1] / s, 6);
    expect(g.entropy[0]).toBeCloseTo(-e.reduce((acc, v) => acc + (v / s) * Math.log(v / s), 0), 6);
  });

  it('uses the actual logits for margins and the prediction, f and W for angles', () => {
    const h = head([[1, 0], [0, 1]]);
    const g = run(h, [[1, 0]], [0], [[0, 5]]);
    expect(g.pred[0]).toBe(1);
    expect(g.logitMargin[0]).toBe(-5);
    expect(g.angleGt[0]).toBe(0);
    expect(g.anglePred[0]).toBeCloseTo(90, 5);
  });

  it('is stable for huge logits', () => {
    const g = run(head([[1, 0], [0, 1]]), [[1, 0]], [0], [[1000, 0]]);
    expect(g.confidence[0]).toBe(1);
    expect(g.entropy[0]).toBeGreaterThanOrEqual(0);
    expect(g.entropy[0]).toBeLessThan(1e-6);
  });

  it('zero feature vectors give NaN angles, are counted and do not throw', () => {
    const h = head([[1, 0], [0, 1], [1, 1]], [0.1, 0.2, 0.3]);
    const g = run(h, [[0, 0], [1, 1], [0, 0]], [0, 2, 1]);
    expect(g.zeroFeatureCount).toBe(2);
    for (const i of [0, 2]) {
      expect(g.angleGt[i]).toBeNaN();
      expect(g.anglePred[i]).toBeNaN();
      expect(g.angleRival[i]).toBeNaN();
      expect(g.length[i]).toBe(0);
      expect(Number.isFinite(g.logitMargin[i])).toBe(true);
    }
    expect(g.pred[0]).toBe(2); // z = b
    expect(g.angleGt[1]).toBeCloseTo(0, 4);
  });

  it('a zero class direction has no angle (skipped for the rival); identical directions have no boundary', () => {
    // w2 = 0: θ_2 undefined; w3 = w1: the (1, 3) pair has no boundary in feature space.
    const h = head([[1, 0], [0, 1], [0, 0], [0, 1]]);
    const g = run(h, [[0, 1]], [1]);
    expect(g.angleGt[0]).toBeCloseTo(0, 4);
    expect(g.angleRival[0]).toBeCloseTo(0, 4); // class 3, same direction; class 2 skipped
    expect(g.pred[0]).toBe(1); // tie with class 3 → lowest index
    // z = (0, 1, 0, 1): pairs (1,0): 1/√2, (1,2): 1/1, (1,3) skipped → 1/√2.
    expect(g.geomMargin[0]).toBeCloseTo(Math.SQRT1_2, 6);
    const alone = run(head([[1, 0], [0, 0]]), [[1, 0]], [0]);
    expect(alone.angleRival[0]).toBeNaN();
    expect(alone.geomMargin[0]).toBeCloseTo(1, 6);
    const twins = run(head([[1, 0], [1, 0]]), [[1, 0]], [0]);
    expect(twins.geomMargin[0]).toBeNaN();
  });

  it('rejects mismatched shapes and labels with bad-data', () => {
    const h = head([[1, 0], [0, 1]]);
    const bad = () => computeSampleGeometry({ head: h, features: new Float32Array(4), labels: Int32Array.from([0, 1]), logits: new Float32Array(3) });
    expect(bad).toThrow(PruneLensError);
    expect(() => run(h, [[1, 0]], [2])).toThrow(/outside 0..1/);
  });

  it('is cancellable', () => {
    const controller = new AbortController();
    controller.abort();
    const h = head([[1, 0], [0, 1]]);
    expect(() => computeSampleGeometry({ head: h, features: new Float32Array(2), labels: Int32Array.from([0]), logits: new Float32Array(2) }, controller.signal)).toThrow(/Cancelled/);
  });
});

describe('computeSampleGeometry against the NumPy reference', () => {
  const fx = loadAnalysisFixture();
  const { N, C } = fx.expected.meta;
  for (let m = 0; m < 3; m++) {
    it(`matches model ${fx.expected.meta.models[m]} on the clean set`, () => {
      const g = computeSampleGeometry({ head: fixtureHead(fx, m), features: fixtureFeatures(fx, m), labels: fx.labels, logits: fixtureLogits(fx, m, 0) });
      const want = fx.expected.geometry[m];
      for (const { key } of sampleMetrics) {
        const degrees = key.startsWith('angle');
        expect([key, firstMismatch(g[key], want[key], degrees ? 0 : 1e-4, degrees ? 1e-3 : 1e-6)]).toEqual([key, -1]);
      }
      expect(Array.from(g.pred)).toEqual(want.pred);
      expect(Array.from(g.correct)).toEqual(want.correct);
      expect(g.zeroFeatureCount).toBe(want.zeroFeatureCount);
    });
  }
  it('the fixture exercises a zero feature vector', () => {
    expect(fx.expected.geometry[2].zeroFeatureCount).toBe(1);
    expect(fx.expected.geometry[2].angleGt[fx.expected.meta.zeroSample]).toBeNull();
  });
  it('predictionsFromLogits agrees on every set', () => {
    // expected.predictions: NumPy's argmax of every model's logits on every set (models × sets × N).
    const { models, sets } = fx.expected.meta;
    let wrong = 0;
    for (let m = 0; m < models.length; m++) {
      for (let k = 0; k < sets.length; k++) {
        const expected: number[] = fx.expected.predictions[m][k];
        expect(expected).toHaveLength(N);
        const { pred, correct } = predictionsFromLogits(fixtureLogits(fx, m, k), C, fx.labels);
        expect(Array.from(pred), `${models[m]} on ${sets[k]}`).toEqual(expected);
        expect(Array.from(correct), `${models[m]} on ${sets[k]}`).toEqual(expected.map((p, i) => (p === fx.labels[i] ? 1 : 0)));
        wrong += expected.filter((p, i) => p !== fx.labels[i]).length;
      }
    }
    expect(wrong).toBeGreaterThan(0); // the sets are not all-correct: a constant "label" prediction would fail
  });
});

describe('computeSampleGeometry properties', () => {
  const caseArb = fc
    .record({ n: fc.integer({ min: 1, max: 6 }), C: fc.integer({ min: 2, max: 6 }), d: fc.integer({ min: 1, max: 5 }), seed: fc.integer() })
    .chain(({ n, C, d }) =>
      fc.record({
        n: fc.constant(n),
        C: fc.constant(C),
        d: fc.constant(d),
        weight: fc.array(fc.float({ min: -4, max: 4, noNaN: true }), { minLength: C * d, maxLength: C * d }),
        bias: fc.array(fc.float({ min: -2, max: 2, noNaN: true }), { minLength: C, maxLength: C }),
        features: fc.array(fc.float({ min: -4, max: 4, noNaN: true }), { minLength: n * d, maxLength: n * d }),
        labels: fc.array(fc.integer({ min: 0, max: C - 1 }), { minLength: n, maxLength: n }),
      }),
    );

  it('angles in [0°, 180°], entropy in [0, ln C], margin sign ⇔ correctness without ties', () => {
    fc.assert(
      fc.property(caseArb, ({ n, C, d, weight, bias, features, labels }) => {
        const h: LinearHead = { weights: Float32Array.from(weight), bias: Float32Array.from(bias), classes: C, featureDim: d };
        const rows = Array.from({ length: n }, (_, i) => features.slice(i * d, (i + 1) * d));
        const g = run(h, rows, labels);
        for (let i = 0; i < n; i++) {
          for (const a of [g.angleGt[i], g.anglePred[i], g.angleRival[i]]) {
            if (!Number.isNaN(a)) expect(a >= 0 && a <= 180).toBe(true);
          }
          expect(g.entropy[i]).toBeGreaterThanOrEqual(-1e-6);
          expect(g.entropy[i]).toBeLessThanOrEqual(Math.log(C) + 1e-6);
          if (g.logitMargin[i] !== 0) expect(g.logitMargin[i] > 0).toBe(g.correct[i] === 1);
          expect(g.confidence[i]).toBeLessThanOrEqual(g.predConfidence[i] + 1e-7);
        }
      }),
      { numRuns: 300 },
    );
  });
});
