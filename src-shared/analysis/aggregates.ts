// Aggregates of one model × set: accuracy, error and a NaN-aware summary of every per-sample
// metric, overall and per true class.
import { checkAborted } from '../util/abort';
import { sampleMetrics } from './types';
import type { LabelArray, SampleGeometry, SampleMetricKey } from './types';
import type { MetricSummary } from './stats';
import { summarizeValues } from './stats';
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
  const C = geometry.numClasses;
  checkLength('labels', labels.length, n);
  checkLabels(labels, C);

  // Counting sort of sample indices by class, so each class is one contiguous segment.
  const start = new Int32Array(C + 1);
  for (let i = 0; i < n; i++) start[labels[i] + 1]++;
  for (let c = 0; c < C; c++) start[c + 1] += start[c];
  const order = new Int32Array(n);
  const fill = start.slice(0, C);
  for (let i = 0; i < n; i++) order[fill[labels[i]]++] = i;

  const overall = emptyAggregate(n);
  const perClass = Array.from({ length: C }, (_, c) => emptyAggregate(start[c + 1] - start[c]));
  for (let i = 0; i < n; i++) {
    const group = perClass[labels[i]];
    if (geometry.correct[i]) {
      overall.correctCount++;
      group.correctCount++;
    }
    if (geometry.length[i] === 0) {
      overall.zeroFeatureCount++;
      group.zeroFeatureCount++;
    }
  }

  const all = new Float64Array(n);
  const byClass = new Float64Array(n);
  for (const { key } of sampleMetrics) {
    checkAborted(signal);
    const values = geometry[key];
    let count = 0;
    let nanCount = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (Number.isNaN(v)) nanCount++;
      else all[count++] = v;
    }
    overall.metrics[key] = summarizeValues(all, nanCount, 0, count);

    for (let c = 0; c < C; c++) {
      let classCount = 0;
      let classNan = 0;
      for (let k = start[c]; k < start[c + 1]; k++) {
        const v = values[order[k]];
        if (Number.isNaN(v)) classNan++;
        else byClass[start[c] + classCount++] = v;
      }
      perClass[c].metrics[key] = summarizeValues(byClass, classNan, start[c], start[c] + classCount);
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
