import { describe, expect, it } from 'vitest';
import { createRng } from '../base/rng';
import { groupSweeps } from './sweep-groups';
import { computeSweeps } from './sweep-metrics';
import type { SweepModelData, SweepSet } from './sweep-metrics';

const n = 400;
const sets: SweepSet[] = [
  { id: 'gaussian_noise-s1', corruption: 'gaussian_noise', severity: 1 },
  { id: 'gaussian_noise-s3', corruption: 'gaussian_noise', severity: 3 },
  { id: 'fog-s1', corruption: 'fog', severity: 1 },
  { id: 'fog-s3', corruption: 'fog', severity: 3 },
];
const models = [
  { id: 'dense', role: 'dense' as const, method: 'Dense', sparsity: 0, p: [0.9, 0.7, 0.6, 0.8, 0.7] },
  { id: 'gmp-50', role: 'pruned' as const, method: 'gmp', sparsity: 0.5, p: [0.9, 0.69, 0.6, 0.8, 0.7] },
  { id: 'gmp-90', role: 'pruned' as const, method: 'gmp', sparsity: 0.9, p: [0.8, 0.5, 0.3, 0.7, 0.6] },
];

function synthetic(): SweepModelData[] {
  const rng = createRng(7);
  return models.map((m) => {
    const correct: Record<string, Uint8Array> = {};
    ['clean', ...sets.map((s) => s.id)].forEach((id, k) => (correct[id] = Uint8Array.from({ length: n }, () => (rng.next() < m.p[k] ? 1 : 0))));
    const column = (mean: number) => Float32Array.from({ length: n }, (_, i) => (i % 50 === 0 ? NaN : mean + rng.normal()));
    return { id: m.id, role: m.role, correct, clean: { angleGt: column(40), length: column(10), logitMargin: column(3), geomMargin: column(1) }, shifted: { angleGt: column(60), length: column(8), logitMargin: column(1), geomMargin: column(0.5) } };
  });
}

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0) / a.length;
const groups = groupSweeps(models);

describe('computeSweeps', () => {
  const data = synthetic();
  const result = computeSweeps(groups, data, sets, { seed: 3, resamples: 300 });
  const level = (id: string) => result.sweeps[0].levels.find((l) => l.modelId === id)!.metrics;

  it('point estimates equal the metrics computed directly from the flags and columns', () => {
    for (const m of data) {
      const acc = (id: string) => mean(m.correct[id]);
      const err = (model: SweepModelData, c: string) => 2 - mean(model.correct[`${c}-s1`]) - mean(model.correct[`${c}-s3`]);
      const d = data[0];
      const got = level(m.id);
      expect(got.cleanAccuracy.value).toBeCloseTo(acc('clean'), 12);
      expect(got.robustAccuracy.value).toBeCloseTo(mean(sets.map((s) => acc(s.id))), 12);
      expect(got.mce.value).toBeCloseTo((err(m, 'gaussian_noise') / err(d, 'gaussian_noise') + err(m, 'fog') / err(d, 'fog')) / 2, 12);
      const rel = (c: string) => (err(m, c) - 2 * (1 - acc('clean'))) / (err(d, c) - 2 * (1 - mean(d.correct.clean)));
      expect(got.relativeMce.value).toBeCloseTo((rel('gaussian_noise') + rel('fog')) / 2, 12);
      expect(got.noiseAccuracy.value).toBeCloseTo((acc('gaussian_noise-s1') + acc('gaussian_noise-s3')) / 2, 12);
      expect(got.weatherAccuracy.value).toBeCloseTo((acc('fog-s1') + acc('fog-s3')) / 2, 12);
      expect(Number.isNaN(got.blurAccuracy.value)).toBe(true);
      const finite = Array.from(m.clean.angleGt).filter((v) => !Number.isNaN(v));
      const mu = mean(finite);
      expect(got['clean.angleGt'].value).toBeCloseTo(mu, 9);
      expect(got['clean.angleGtSpread'].value).toBeCloseTo(Math.sqrt(mean(finite.map((v) => (v - mu) ** 2))), 9);
      expect(got['shifted.logitMargin'].value).toBeCloseTo(mean(Array.from(m.shifted!.logitMargin).filter((v) => !Number.isNaN(v))), 9);
    }
    expect(level('dense').mce.value).toBeCloseTo(1, 12);
    expect(result.corruptions).toEqual(['gaussian_noise', 'fog']);
  });

  it('bands contain the point estimate and have the binomial width', () => {
    for (const l of result.sweeps[0].levels) {
      for (const [key, v] of Object.entries(l.metrics)) {
        if (Number.isNaN(v.value)) continue;
        expect(v.lo, key).toBeLessThanOrEqual(v.value);
        expect(v.hi, key).toBeGreaterThanOrEqual(v.value);
      }
      // 95 % percentile interval of a proportion ≈ ± 1.96 √(p(1 − p)/n).
      const p = l.metrics.cleanAccuracy.value;
      const expected = 2 * 1.96 * Math.sqrt((p * (1 - p)) / n);
      expect((l.metrics.cleanAccuracy.hi - l.metrics.cleanAccuracy.lo) / expected).toBeGreaterThan(0.8);
      expect((l.metrics.cleanAccuracy.hi - l.metrics.cleanAccuracy.lo) / expected).toBeLessThan(1.2);
    }
  });

  it('is reproducible by seed; another seed gives other bands', () => {
    const again = computeSweeps(groups, synthetic(), sets, { seed: 3, resamples: 300 });
    expect(again).toEqual(result);
    const other = computeSweeps(groups, synthetic(), sets, { seed: 4, resamples: 300 });
    expect(other.sweeps[0].levels[1].metrics.robustAccuracy.lo).not.toBe(result.sweeps[0].levels[1].metrics.robustAccuracy.lo);
    expect(other.sweeps[0].levels[1].metrics.robustAccuracy.value).toBe(result.sweeps[0].levels[1].metrics.robustAccuracy.value);
  });

  it('breaking point along the sweep uses the point robust accuracies and the tolerance', () => {
    const [d, g50, g90] = result.sweeps[0].levels.map((l) => l.metrics.robustAccuracy.value);
    const bp = result.sweeps[0].breaking;
    expect(bp.denseRobustAccuracy).toBe(d);
    const within50 = g50 >= d - 0.01;
    expect(bp.keptUpTo?.modelId ?? null).toBe(within50 ? (g90 >= d - 0.01 ? 'gmp-90' : 'gmp-50') : null);
    const loose = computeSweeps(groups, data, sets, { resamples: 10, tolerance: 1 });
    expect(loose.sweeps[0].breaking.keptUpTo?.modelId).toBe('gmp-90');
    expect(result.sweeps[0].finding).toMatch(/^gmp (keeps robustness up to|breaks before)/);
  });

  it('refuses flags of the wrong length', () => {
    const bad = synthetic();
    bad[1].correct['fog-s3'] = new Uint8Array(3);
    expect(() => computeSweeps(groups, bad, sets)).toThrow(/gmp-50, set fog-s3/);
  });

  it('a bundle without sweeps gets an empty analysis, not a missing-baseline error', () => {
    expect(computeSweeps([], [], [], { seed: 3 })).toEqual({ sweeps: [], shiftedSet: null, corruptions: [], samples: 0, resamples: 0, seed: 3, confidence: 0.95 });
  });
});
