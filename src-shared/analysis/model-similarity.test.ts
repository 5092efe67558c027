import { describe, expect, it } from 'vitest';
import { firstMismatch, fixtureFeatures, fixtureHead, fixtureLogits, loadAnalysisFixture } from '../../tools/fixtures/analysis/load-fixture';
import { geometricDistances, geometricSimilarity, geometricVectors, predictionAgreement } from './model-similarity';
import type { SimilaritySource } from './model-similarity';
import { computeSampleGeometry } from './sample-geometry';

function layoutDistances(coords: Float64Array, m: number): Float64Array {
  return Float64Array.from({ length: m * m }, (_, k) => {
    const i = Math.floor(k / m);
    const j = k % m;
    return Math.hypot(coords[i * 2] - coords[j * 2], coords[i * 2 + 1] - coords[j * 2 + 1]);
  });
}

describe('model similarity against the NumPy reference', () => {
  const fx = loadAnalysisFixture();
  const geometry = [0, 1, 2].map((m) => computeSampleGeometry({ head: fixtureHead(fx, m), features: fixtureFeatures(fx, m), labels: fx.labels, logits: fixtureLogits(fx, m, 0) }));
  const want = fx.expected.similarity;

  it('z-scored geometric distances (with a NaN angle in one model)', () => {
    expect(geometry[2].zeroFeatureCount).toBe(1);
    const { distances, normalization } = geometricDistances(geometry);
    expect(firstMismatch(distances, want.distances, 1e-4, 1e-6)).toBe(-1);
    expect(normalization.map((n) => n.metric)).toEqual(['angleGt', 'length', 'logitMargin']);
  });

  it('2-D layout reproduces the reference layout distances; MST spans the models', () => {
    const result = geometricSimilarity(geometry);
    expect(firstMismatch(layoutDistances(result.layout.coords, 3), want.mdsLayoutDistances, 1e-4, 1e-5)).toBe(-1);
    expect(result.mst).toHaveLength(2);
    // With 3 models the MST drops the longest pair.
    const longest = Math.max(...want.distances);
    expect(result.mst.every((e) => Math.abs(e.weight - longest) > 1e-6)).toBe(true);
  });

  it('prediction agreement', () => {
    expect(firstMismatch(predictionAgreement(geometry.map((g) => g.pred)), want.agreement, 1e-8, 1e-12)).toBe(-1);
  });
});

describe('model similarity by hand', () => {
  const model = (angle: number[], length: number[], margin: number[]): SimilaritySource => ({
    angleGt: Float32Array.from(angle),
    length: Float32Array.from(length),
    logitMargin: Float32Array.from(margin),
  });
  it('units do not dominate: scaling one metric for every model leaves distances unchanged', () => {
    const a = [model([10, 20], [1, 2], [0.5, 1]), model([30, 20], [1, 3], [0.5, 2]), model([10, 40], [2, 2], [1, 1])];
    const b = a.map((m) => ({ ...m, angleGt: m.angleGt.map((v) => v * 1000) }));
    expect(Array.from(geometricDistances(b).distances).map((v) => +v.toFixed(9))).toEqual(Array.from(geometricDistances(a).distances).map((v) => +v.toFixed(9)));
    const vectors = geometricVectors(a);
    let mean = 0;
    for (const v of vectors) for (let i = 0; i < 2; i++) mean += v[i];
    expect(mean / 6).toBeCloseTo(0, 6);
  });
  it('identical models are at distance 0; a constant metric is ignored', () => {
    const m = model([1, 2], [3, 3], [4, 5]);
    const { distances } = geometricDistances([m, model([1, 2], [3, 3], [4, 5]), model([2, 1], [3, 3], [5, 4])]);
    expect(distances[1]).toBe(0);
    expect(distances[2]).toBeGreaterThan(0);
    expect(() => geometricDistances([m, model([1], [1], [1])])).toThrow(/expected 2/);
  });
});
