// The per-sample metrics a view can plot, colour by or filter on, and how to read each one.
import type { SampleMetrics } from '../../../src-shared/api/result-types';

export type ScalarMetric = 'length' | 'angleGt' | 'anglePred' | 'angleRival' | 'logitMargin' | 'geomMargin' | 'confidence' | 'predConfidence' | 'entropy';
/** A scalar metric, or the angle to class c (`classAngle:3`). */
export type MetricKey = ScalarMetric | `classAngle:${number}`;

export const scalarMetrics: { key: ScalarMetric; label: string; unit: string }[] = [
  { key: 'angleGt', label: 'angle to true class', unit: '°' },
  { key: 'length', label: 'feature length', unit: '' },
  { key: 'logitMargin', label: 'logit margin', unit: '' },
  { key: 'geomMargin', label: 'geometric margin', unit: '' },
  { key: 'confidence', label: 'confidence (true class)', unit: '' },
  { key: 'predConfidence', label: 'confidence (prediction)', unit: '' },
  { key: 'angleRival', label: 'angle to rival class', unit: '°' },
  { key: 'anglePred', label: 'angle to prediction', unit: '°' },
  { key: 'entropy', label: 'entropy', unit: 'nats' },
];

const scalarKeys = new Set<string>(scalarMetrics.map((m) => m.key));

export function isMetricKey(key: string): key is MetricKey {
  return scalarKeys.has(key) || /^classAngle:\d{1,6}$/.test(key);
}

export function metricLabel(key: MetricKey, classes?: readonly string[]): string {
  if (key.startsWith('classAngle:')) {
    const c = Number(key.slice('classAngle:'.length));
    return `angle to ${classes?.[c] ?? `class ${c}`}`;
  }
  return scalarMetrics.find((m) => m.key === key)?.label ?? key;
}

const columnCache = new WeakMap<SampleMetrics, Map<number, Float32Array>>();

/** The values of one metric for every sample (a class-angle column is extracted once and cached). */
export function metricValues(metrics: SampleMetrics, key: MetricKey): Float32Array {
  if (!key.startsWith('classAngle:')) return metrics[key as ScalarMetric];
  const c = Number(key.slice('classAngle:'.length));
  let perModel = columnCache.get(metrics);
  if (!perModel) columnCache.set(metrics, (perModel = new Map()));
  let column = perModel.get(c);
  if (!column) {
    column = new Float32Array(metrics.count);
    for (let i = 0; i < metrics.count; i++) column[i] = metrics.classAngles[i * metrics.classes + c];
    perModel.set(c, column);
  }
  return column;
}

/** Finite min and max (NaN ignored); [0, 1] when nothing is finite, widened when flat. */
export function finiteRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}
