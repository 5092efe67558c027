// Drill-down data: sample pixels as RGBA, and per-severity metric rows for the trajectory chart.
import type { SampleMetrics } from '../../../../src-shared/api/result-types';
import type { MetricKey } from '../../state/metrics';
import { metricValues } from '../../state/metrics';

/** HWC bytes (1, 3 or 4 channels) → RGBA for an ImageData. */
export function toRgba(data: Uint8Array, width: number, height: number, channels: number): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const src = p * channels;
    if (channels === 1) out[p * 4] = out[p * 4 + 1] = out[p * 4 + 2] = data[src];
    else {
      out[p * 4] = data[src];
      out[p * 4 + 1] = data[src + 1];
      out[p * 4 + 2] = data[src + 2];
    }
    out[p * 4 + 3] = channels === 4 ? data[src + 3] : 255;
  }
  return out;
}

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
