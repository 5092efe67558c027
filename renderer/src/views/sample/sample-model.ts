// Drill-down data: per-severity metric rows for the trajectory chart.
import type { SampleMetrics } from '../../../../src-shared/api/result-types';
import type { MetricKey } from '../../state/metrics';
import { metricValues } from '../../state/metrics';

export interface TrajectoryRow {
  severity: number;
  set: string;
  [model: string]: number | string | null;
}

/**
 * One row per set on the path (clean, s1 … s5), one column per model: the metric of sample `i`,
 * null where that model × set is not loaded. `lookup(model, set)` gives the metrics if available.
 */
export function trajectoryRows(models: string[], path: { id: string; severity: number }[], i: number, metric: MetricKey, lookup: (model: string, set: string) => SampleMetrics | null): TrajectoryRow[] {
  return path.map((set) => {
    const row: TrajectoryRow = { severity: set.severity, set: set.id };
    for (const m of models) {
      const metrics = lookup(m, set.id);
      const v = metrics && i < metrics.count ? metricValues(metrics, metric)[i] : NaN;
      row[m] = Number.isFinite(v) ? v : null;
    }
    return row;
  });
}
