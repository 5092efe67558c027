// Aggregates of one model × set: accuracy, error and a NaN-aware summary of every per-sample
// metric, overall and per true class.
import { checkAborted } from '../base/abort';
import { sampleMetrics } from './types';
import type { LabelArray, SampleGeometry, SampleMetricKey } from './types';
import type { MetricSummary } from './stats';
import { summarizeSorted } from './stats';
import { valueSorter } from './wasm-radix';
import { checkLabels, checkLength } from './validate';

export interface GeometryAggregate {
  count: number;
  correctCount: number;
  /** NaN for an empty group. */
  accuracy: number;
  error: number;
  zeroFeatureCount: number;
  metrics: Record<SampleMetricKey, MetricSummary>;
}

export interface GeometryAggregates {
  overall: GeometryAggregate;
  /** Indexed by true class; per-class accuracy is that class's recall. */
  perClass: GeometryAggregate[];
}

export function aggregateGeometry(geometry: SampleGeometry, labels: LabelArray, signal?: AbortSignal): GeometryAggregates {
  const n = geometry.count;
  const C = geometry.classes;
  checkLength('labels', labels.length, n);
  checkLabels(labels, C);

  const overall = emptyAggregate(n);
  const perClass: GeometryAggregate[] = [];
  for (let c = 0; c < C; c++) perClass.push(emptyAggregate(0));
  for (let i = 0; i < n; i++) {
    const group = perClass[labels[i]];
    group.count++;
    if (geometry.correct[i]) {
      overall.correctCount++;
      group.correctCount++;
    }
    if (geometry.length[i] === 0) {
      overall.zeroFeatureCount++;
      group.zeroFeatureCount++;
    }
  }

  // Per metric: sums in sample order (mean, two-pass variance), one radix sort of the non-NaN
  // values, then a stable scatter by class so every class segment is sorted as well.
  const kept = new Int32Array(n);
  const order = new Int32Array(n);
  const sorted = new Float64Array(n);
  const byClass = new Float64Array(n);
  const classNan = new Int32Array(C);
  const classSum = new Float64Array(C);
  const classSs = new Float64Array(C);
  const classMean = new Float64Array(C);
  const classStart = new Int32Array(C + 1);
  const fill = new Int32Array(C);
  const sorter = valueSorter();
  for (const { key } of sampleMetrics) {
    checkAborted(signal);
    const values = geometry[key];
    let m = 0;
    let sum = 0;
    classNan.fill(0);
    classSum.fill(0);
    classSs.fill(0);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== v) classNan[labels[i]]++;
      else {
        kept[m++] = i;
        sum += v;
        classSum[labels[i]] += v;
      }
    }
    const mean = sum / m;
    for (let c = 0; c < C; c++) {
      const count = perClass[c].count - classNan[c];
      classStart[c + 1] = classStart[c] + count;
      classMean[c] = classSum[c] / count;
    }
    let ss = 0;
    for (let k = 0; k < m; k++) {
      const i = kept[k];
      const v = values[i];
      ss += (v - mean) * (v - mean);
      const c = labels[i];
      const dc = v - classMean[c];
      classSs[c] += dc * dc;
    }
    sorter.sort(values, kept, m, sorted, order);
    overall.metrics[key] = summarizeSorted(sorted, 0, m, n - m, mean, Math.sqrt(ss / m));
    fill.set(classStart.subarray(0, C));
    for (let k = 0; k < m; k++) byClass[fill[labels[order[k]]]++] = sorted[k];
    for (let c = 0; c < C; c++) {
      const count = classStart[c + 1] - classStart[c];
      perClass[c].metrics[key] = summarizeSorted(byClass, classStart[c], classStart[c + 1], classNan[c], classMean[c], Math.sqrt(classSs[c] / count));
    }
  }
  for (const group of [overall, ...perClass]) {
    group.accuracy = group.count > 0 ? group.correctCount / group.count : NaN;
    group.error = group.count > 0 ? (group.count - group.correctCount) / group.count : NaN;
  }
  return { overall, perClass };
}

function emptyAggregate(count: number): GeometryAggregate {
  return { count, correctCount: 0, accuracy: NaN, error: NaN, zeroFeatureCount: 0, metrics: {} as Record<SampleMetricKey, MetricSummary> };
}
