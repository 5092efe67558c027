// Shapes of the sparsity-sweep analysis (sweep-metrics.ts): small plain data, the same in the
// API result, summary.json's `sweeps` and the report.
import type { BreakingPoint } from './breaking-points';
import type { SweepPoint } from './sweep-groups';

/** A metric along a sweep: the point estimate and its bootstrap percentile band. */
export interface SweepValue {
  value: number;
  lo: number;
  hi: number;
}

export const sweepGeometryMetrics = [
  { key: 'angleGt', label: 'mean angle to true class', unit: '°' },
  { key: 'angleGtSpread', label: 'spread (std) of the angle to true class', unit: '°' },
  { key: 'length', label: 'mean feature length', unit: '' },
  { key: 'logitMargin', label: 'mean logit margin', unit: '' },
  { key: 'geomMargin', label: 'mean geometric margin', unit: '' },
] as const;

/** Every metric a sweep carries; accuracies are fractions, `mce`/`relativeMce` ratios to dense. */
export const sweepMetrics = [
  { key: 'cleanAccuracy', label: 'clean accuracy', group: 'accuracy', unit: '%' },
  { key: 'robustAccuracy', label: 'robust accuracy', group: 'accuracy', unit: '%' },
  { key: 'mce', label: 'mCE', group: 'accuracy', unit: '%' },
  { key: 'relativeMce', label: 'relative mCE', group: 'accuracy', unit: '%' },
  { key: 'noiseAccuracy', label: 'noise accuracy', group: 'accuracy', unit: '%' },
  { key: 'blurAccuracy', label: 'blur accuracy', group: 'accuracy', unit: '%' },
  { key: 'weatherAccuracy', label: 'weather accuracy', group: 'accuracy', unit: '%' },
  { key: 'digitalAccuracy', label: 'digital accuracy', group: 'accuracy', unit: '%' },
  ...sweepGeometryMetrics.map((m) => ({ key: `clean.${m.key}` as const, label: `${m.label} (clean)`, group: 'geometry' as const, unit: m.unit })),
  ...sweepGeometryMetrics.map((m) => ({ key: `shifted.${m.key}` as const, label: `${m.label} (corrupted)`, group: 'geometry' as const, unit: m.unit })),
] as const;
export type SweepMetricKey = (typeof sweepMetrics)[number]['key'];

export interface SweepLevel extends SweepPoint {
  metrics: Record<SweepMetricKey, SweepValue>;
}

export interface SweepSeries {
  /** Sweep name or shared method. */
  key: string;
  /** Dense (sparsity 0) first. */
  levels: SweepLevel[];
  breaking: BreakingPoint;
  /** The breaking point in words, for findings. */
  finding: string;
}

export interface SweepAnalysis {
  sweeps: SweepSeries[];
  /** The corrupted set the `shifted.*` geometry is measured on (null: none chosen or available; those metrics are NaN). */
  shiftedSet: string | null;
  /** Benchmark corruptions the accuracy metrics cover. */
  corruptions: string[];
  /** Samples per set, bootstrap replicates, seed and band level. */
  samples: number;
  resamples: number;
  seed: number;
  confidence: number;
}
