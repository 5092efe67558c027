// Parallel-coordinates axes: the angle to every class direction, then length, logit margin and
// confidence; their ranges, pixel layout, and the value range a vertical brush covers.
import type { SampleMetrics } from '../../../../src-shared/api/result-types';
import type { MetricKey } from '../../state/metrics';
import { finiteRange, metricLabel, metricValues, scalarMetrics } from '../../state/metrics';
import type { PcLayout } from '../../compute/pc-density';

export interface PcAxis {
  key: MetricKey;
  /** The full name ("angle to cat", "feature length"). */
  label: string;
  /** Unit of the values ("°"; empty when unitless). */
  unit: string;
  values: Float32Array;
  range: [number, number];
}

/** Up to this many classes get one angle axis each; beyond it the plot would be unreadable. */
export const MAX_CLASS_AXES = 20;

/**
 * The axes: with few classes, the angle to every class direction; with many (CIFAR-100), the
 * angles to the true, predicted and rival classes, plus the filtered class's own axis if any.
 * Then length, logit margin and confidence.
 */
export function pcAxes(metrics: SampleMetrics, classes: readonly string[], classFilter: number | null = null): PcAxis[] {
  const keys: MetricKey[] = [];
  if (metrics.classes <= MAX_CLASS_AXES) for (let c = 0; c < metrics.classes; c++) keys.push(`classAngle:${c}`);
  else {
    keys.push('angleGt', 'anglePred', 'angleRival');
    if (classFilter !== null && classFilter < metrics.classes) keys.push(`classAngle:${classFilter}`);
  }
  keys.push('length', 'logitMargin', 'confidence');
  return keys.map((key) => {
    const values = metricValues(metrics, key);
    const unit = key.startsWith('classAngle:') ? '°' : scalarMetrics.find((m) => m.key === key)?.unit ?? '';
    return { key, label: metricLabel(key, classes), unit, values, range: finiteRange(values) };
  });
}

/** An axis title in two lines, whole words, the unit last: "angle to" / "automobile (°)". */
export function labelLines(axis: Pick<PcAxis, 'label' | 'unit'>): [string, string] {
  const words = axis.label.split(' ');
  const unit = axis.unit ? ` (${axis.unit})` : '';
  if (words.length === 1) return ['', `${axis.label}${unit}`];
  // Split where the two lines are most even.
  let best = 1;
  let bestDiff = Infinity;
  for (let k = 1; k < words.length; k++) {
    const diff = Math.abs(words.slice(0, k).join(' ').length - (words.slice(k).join(' ').length + unit.length));
    if (diff < bestDiff) [best, bestDiff] = [k, diff];
  }
  return [words.slice(0, best).join(' '), `${words.slice(best).join(' ')}${unit}`];
}

export const PC_MARGIN = { left: 40, right: 40, top: 46, bottom: 18 };

export function pcLayout(width: number, height: number, axes: number): PcLayout {
  const inner = Math.max(1, width - PC_MARGIN.left - PC_MARGIN.right);
  const axisX = Array.from({ length: axes }, (_, a) => PC_MARGIN.left + (axes > 1 ? (a * inner) / (axes - 1) : inner / 2));
  return { width, height, axisX, top: PC_MARGIN.top, bottom: height - PC_MARGIN.bottom };
}

/** The axis a pointer at x is on (within `tolerance` px), or null. */
export function axisAt(layout: PcLayout, x: number, tolerance = 14): number | null {
  let best: number | null = null;
  let bestD = tolerance;
  layout.axisX.forEach((ax, a) => {
    const d = Math.abs(ax - x);
    if (d <= bestD) {
      bestD = d;
      best = a;
    }
  });
  return best;
}

/** Value range covered by a brush from y0 to y1 (pixels) on an axis with `range`. */
export function brushRange(layout: PcLayout, range: [number, number], y0: number, y1: number): { lo: number; hi: number } {
  const value = (y: number) => {
    const t = (layout.bottom - Math.min(layout.bottom, Math.max(layout.top, y))) / (layout.bottom - layout.top);
    return range[0] + t * (range[1] - range[0]);
  };
  const a = value(y0);
  const b = value(y1);
  return { lo: Math.min(a, b), hi: Math.max(a, b) };
}

/** Pixel span of a stored range on an axis (for drawing the brush). */
export function rangeToPixels(layout: PcLayout, range: [number, number], lo: number, hi: number): [number, number] {
  const y = (v: number) => layout.bottom - Math.min(1, Math.max(0, (v - range[0]) / (range[1] - range[0]))) * (layout.bottom - layout.top);
  return [y(hi), y(lo)];
}
