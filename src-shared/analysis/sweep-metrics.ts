// Metrics along sparsity sweeps with seeded bootstrap bands over samples: clean and robust
// accuracy, mCE and relative mCE (computeRobustness, dense baseline), accuracy per corruption
// family, and the feature geometry on the clean set and one corrupted set. Each bootstrap
// replicate resamples the same sample indices for every model and set (paired), recomputes every
// metric from them, and the band is the replicates' percentile interval.
import { benchmarkCorruptions } from '../bundle/manifest';
import { bootstrapIndices, percentileInterval } from './bootstrap';
import { breakingPoint, breakingPointText, DEFAULT_BREAK_TOLERANCE } from './breaking-points';
import { corruptionFamilies, corruptionFamily } from './corruption-families';
import { computeRobustness } from './robustness';
import type { ModelErrorRates } from './robustness';
import type { SweepGroup } from './sweep-groups';
import { sweepMetrics } from './sweep-types';
import type { SweepAnalysis, SweepMetricKey, SweepValue } from './sweep-types';
import { badData } from './validate';

/** The per-sample geometry columns a sweep summarises. */
export type SweepGeometryColumns = Record<'angleGt' | 'length' | 'logitMargin' | 'geomMargin', ArrayLike<number>>;

export interface SweepSet {
  id: string;
  /** 'clean' for the clean set. */
  corruption: string;
  severity: number;
}

export interface SweepModelData {
  id: string;
  role: 'dense' | 'pruned';
  /** Per set id: 1 where the sample is classified correctly. Must hold 'clean' and every set of `sets`. */
  correct: Record<string, ArrayLike<number>>;
  clean: SweepGeometryColumns;
  /** Geometry on the chosen corrupted set (null: none). */
  shifted: SweepGeometryColumns | null;
}

export interface SweepOptions {
  seed?: number;
  resamples?: number;
  confidence?: number;
  /** Breaking-point tolerance as a fraction (default 0.01 = 1 point). */
  tolerance?: number;
  shiftedSet?: string | null;
  /** Benchmark corruptions (default: computeRobustness's 15). */
  benchmark?: readonly string[];
}

type Values = Record<SweepMetricKey, number>;

function accuracyOn(correct: ArrayLike<number>, idx: Int32Array | null, n: number): number {
  let hits = 0;
  if (idx) for (let i = 0; i < n; i++) hits += correct[idx[i]];
  else for (let i = 0; i < n; i++) hits += correct[i];
  return hits / n;
}

function meanStd(values: ArrayLike<number>, idx: Int32Array | null, n: number): { mean: number; std: number } {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < n; k++) {
    const v = values[idx ? idx[k] : k];
    if (!Number.isNaN(v)) {
      sum += v;
      count++;
    }
  }
  if (count === 0) return { mean: NaN, std: NaN };
  const mean = sum / count;
  let ss = 0;
  for (let k = 0; k < n; k++) {
    const v = values[idx ? idx[k] : k];
    if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
  }
  return { mean, std: Math.sqrt(ss / count) };
}

function geometryValues(prefix: 'clean' | 'shifted', columns: SweepGeometryColumns | null, idx: Int32Array | null, n: number, out: Partial<Values>): void {
  const angle = columns ? meanStd(columns.angleGt, idx, n) : { mean: NaN, std: NaN };
  out[`${prefix}.angleGt`] = angle.mean;
  out[`${prefix}.angleGtSpread`] = angle.std;
  for (const key of ['length', 'logitMargin', 'geomMargin'] as const) out[`${prefix}.${key}`] = columns ? meanStd(columns[key], idx, n).mean : NaN;
}

/** Every metric of every model on the samples `idx` (null: all samples as they are). */
function evaluate(models: SweepModelData[], sets: SweepSet[], n: number, idx: Int32Array | null, benchmark?: readonly string[]): Map<string, Values> {
  const corrupted = sets.filter((s) => s.corruption !== 'clean');
  const rates: ModelErrorRates[] = models.map((m) => {
    const byCorruption: Record<string, number[]> = {};
    for (const s of corrupted) (byCorruption[s.corruption] ??= []).push(1 - accuracyOn(m.correct[s.id], idx, n));
    return { id: m.id, role: m.role, clean: 1 - accuracyOn(m.correct.clean, idx, n), corrupted: byCorruption };
  });
  const robustness = computeRobustness(rates, benchmark ? { benchmark } : {});
  const out = new Map<string, Values>();
  models.forEach((m, i) => {
    const r = robustness.models[i];
    const present = r.benchmark.corruptions;
    const values: Partial<Values> = {
      cleanAccuracy: r.cleanAccuracy,
      robustAccuracy: present.length ? r.benchmark.robustAccuracy : NaN,
      mce: present.length ? r.benchmark.mce : NaN,
      relativeMce: present.length ? r.benchmark.relativeMce : NaN,
    };
    for (const family of corruptionFamilies) {
      const errors = present.filter((c) => corruptionFamily(c) === family).flatMap((c) => Array.from(rates[i].corrupted[c]));
      values[`${family}Accuracy`] = errors.length ? 1 - errors.reduce((a, b) => a + b, 0) / errors.length : NaN;
    }
    geometryValues('clean', m.clean, idx, n, values);
    geometryValues('shifted', m.shifted, idx, n, values);
    out.set(m.id, values as Values);
  });
  return out;
}

export function computeSweeps(groups: readonly SweepGroup[], models: SweepModelData[], sets: SweepSet[], options: SweepOptions = {}): SweepAnalysis {
  const { seed = 0, resamples = 200, confidence = 0.95, tolerance = DEFAULT_BREAK_TOLERANCE } = options;
  // No sweep in the bundle (no model has a sparsity level): nothing to evaluate, not even the baseline.
  if (groups.length === 0) return { sweeps: [], shiftedSet: options.shiftedSet ?? null, corruptions: [], samples: 0, resamples: 0, seed, confidence };
  const n = models[0]?.correct.clean?.length ?? 0;
  for (const m of models) {
    for (const s of ['clean', ...sets.map((x) => x.id)]) {
      if (m.correct[s]?.length !== n) throw badData(`model ${m.id}, set ${s}: ${m.correct[s]?.length ?? 'no'} correctness flags where ${n} are expected.`, { model: m.id, set: s });
    }
  }
  const point = evaluate(models, sets, n, null, options.benchmark);
  const keys = sweepMetrics.map((m) => m.key);
  const replicates = new Map(models.map((m) => [m.id, Object.fromEntries(keys.map((k) => [k, new Float64Array(resamples)])) as Record<SweepMetricKey, Float64Array>]));
  let r = 0;
  if (n > 0) {
    for (const idx of bootstrapIndices(n, resamples, seed)) {
      for (const [id, values] of evaluate(models, sets, n, idx, options.benchmark)) for (const k of keys) replicates.get(id)![k][r] = values[k];
      r++;
    }
  }
  const valueOf = (id: string): Record<SweepMetricKey, SweepValue> => {
    const p = point.get(id);
    if (!p) throw badData(`sweep model ${id} has no data.`, { model: id });
    return Object.fromEntries(keys.map((k) => [k, { value: p[k], ...percentileInterval(replicates.get(id)![k].subarray(0, r), confidence) }])) as Record<SweepMetricKey, SweepValue>;
  };
  const corruptions = (options.benchmark ?? benchmarkCorruptions).filter((c) => sets.some((s) => s.corruption === c));
  const sweeps = groups.map((g) => {
    const levels = g.points.map((p) => ({ ...p, metrics: valueOf(p.modelId) }));
    const breaking = breakingPoint(
      levels[0].metrics.robustAccuracy.value,
      levels.slice(1).map((l) => ({ modelId: l.modelId, sparsity: l.sparsity, robustAccuracy: l.metrics.robustAccuracy.value })),
      tolerance,
    );
    return { key: g.key, levels, breaking, finding: breakingPointText(g.key, breaking) };
  });
  return { sweeps, shiftedSet: options.shiftedSet ?? null, corruptions, samples: n, resamples: r, seed, confidence };
}
