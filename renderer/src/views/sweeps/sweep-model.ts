// The sweep view's data: per sweep, the points of one metric against the chosen x-axis with its
// band, and the breaking point recomputed for the user's tolerance. Values that crossed the
// WebSocket as JSON arrive as null where the engine had NaN; they are NaN again here.
import { breakingPoint } from '../../../../src-shared/analysis/breaking-points';
import type { BreakingPoint } from '../../../../src-shared/analysis/breaking-points';
import { sweepX } from '../../../../src-shared/analysis/sweep-groups';
import type { SweepXAxis } from '../../../../src-shared/analysis/sweep-groups';
import type { SweepMetricKey, SweepSeries } from '../../../../src-shared/analysis/sweep-types';
import { niceTicks } from '../../components/canvas-utils';

export interface SweepChartPoint {
  modelId: string;
  x: number;
  sparsity: number;
  value: number;
  /** [lo, hi] for a recharts range area. */
  band: [number, number];
}

export interface SweepLine {
  key: string;
  points: SweepChartPoint[];
  breaking: BreakingPoint;
  /** The breaking point on this chart (the last level kept), if any. */
  marker: SweepChartPoint | null;
}

const num = (v: number | null | undefined): number => (typeof v === 'number' ? v : NaN);

/** Lines of `metric` against `axis`; points without an x (no model card figure) or a value are left out. */
export function sweepLines(sweeps: readonly SweepSeries[], metric: SweepMetricKey, axis: SweepXAxis, tolerance: number): SweepLine[] {
  return sweeps.map((s) => {
    const points = s.levels.flatMap((l) => {
      const x = sweepX(l, axis);
      const m = l.metrics[metric];
      const value = num(m?.value);
      if (x === null || !Number.isFinite(x) || !Number.isFinite(value)) return [];
      return [{ modelId: l.modelId, x, sparsity: l.sparsity, value, band: [num(m.lo), num(m.hi)] as [number, number] }];
    });
    const robust = (i: number) => num(s.levels[i].metrics.robustAccuracy?.value);
    const breaking = breakingPoint(robust(0), s.levels.slice(1).map((l, i) => ({ modelId: l.modelId, sparsity: l.sparsity, robustAccuracy: robust(i + 1) })), tolerance);
    const marker = breaking.keptUpTo ? (points.find((p) => p.modelId === breaking.keptUpTo!.modelId) ?? null) : null;
    return { key: s.key, points, breaking, marker };
  });
}

/** Accuracy-like metrics (fractions) show as percentages. */
export function isPercentMetric(metric: SweepMetricKey): boolean {
  return !metric.includes('.');
}

export function formatMetric(metric: SweepMetricKey, v: number): string {
  if (!Number.isFinite(v)) return '—';
  return isPercentMetric(metric) ? `${(v * 100).toFixed(1)} %` : v.toFixed(2);
}

/**
 * The y axis in the unit shown (percentage points for accuracies): ticks at round numbers (1, 2, 5
 * × 10^k) spanning every value and band, each label exactly its tick's value. (recharts' own ticks
 * on 0–1 fractions sit at e.g. 0.585 and, rounded to whole percent, were labelled "59".)
 */
export function yAxisTicks(lines: readonly SweepLine[], metric: SweepMetricKey): { ticks: number[]; label(y: number): string } {
  const scale = isPercentMetric(metric) ? 100 : 1;
  const values = lines.flatMap((l) => l.points.flatMap((p) => [p.value, p.band[0], p.band[1]])).filter(Number.isFinite).map((v) => v * scale);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (!(hi > lo)) {
    const pad = Math.max(Math.abs(lo) * 0.05, scale === 100 ? 1 : 1e-3);
    lo -= pad;
    hi += pad;
  }
  const inner = niceTicks(lo, hi, 5);
  const step = inner.length > 1 ? inner[1] - inner[0] : hi - lo;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(+(k * step).toFixed(decimals) / scale);
  return { ticks, label: (y) => (y * scale).toFixed(decimals) };
}

export function formatX(axis: SweepXAxis, x: number): string {
  if (axis === 'sparsity') return `${Number((x * 100).toFixed(1))} %`;
  if (x >= 1e9) return `${(x / 1e9).toFixed(1)} G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(1)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} K`;
  return String(x);
}
