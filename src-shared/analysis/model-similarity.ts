// Model similarity from geometry: each model is one vector of N samples × {angle_gt, length,
// logit_margin} on the same samples. Each metric is z-scored with ONE mean and std pooled over all
// models and samples (NaNs excluded), so degrees, feature units and logits weigh alike while each
// model's differences stay in the same units as the others'. (Per-coordinate z-scoring across
// models would inflate samples on which the models barely differ.) A metric with zero pooled
// spread contributes nothing. Distances are Euclidean; coordinates that are NaN in either model
// are skipped and the sum is scaled by total/used coordinates (like scikit-learn's nan_euclidean).
import { checkAborted } from '../base/abort';
import { classicalMds } from './mds';
import type { MdsLayout } from './mds';
import { minimumSpanningTree } from './mst';
import type { MstEdge } from './mst';
import type { SampleGeometry } from './types';
import { badData, checkLength } from './validate';

export const similarityMetrics = ['angleGt', 'length', 'logitMargin'] as const;
export type SimilaritySource = Pick<SampleGeometry, (typeof similarityMetrics)[number]>;

export interface MetricNormalization {
  metric: (typeof similarityMetrics)[number];
  mean: number;
  std: number;
}

/** Pooled mean and population std of each similarity metric over all models and samples. */
export function similarityNormalization(models: SimilaritySource[]): MetricNormalization[] {
  return similarityMetrics.map((metric) => {
    let sum = 0;
    let count = 0;
    for (const m of models) {
      for (const v of m[metric]) {
        if (Number.isNaN(v)) continue;
        sum += v;
        count++;
      }
    }
    const mean = count > 0 ? sum / count : NaN;
    let ss = 0;
    for (const m of models) for (const v of m[metric]) if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
    return { metric, mean, std: count > 0 ? Math.sqrt(ss / count) : NaN };
  });
}

function checkSameSamples(models: SimilaritySource[]): number {
  if (models.length === 0) throw badData('model similarity needs at least one model.');
  const n = models[0].angleGt.length;
  models.forEach((m, k) => similarityMetrics.forEach((metric) => checkLength(`model ${k} ${metric}`, m[metric].length, n)));
  return n;
}

/** The z-scored geometric vector of each model: [angle_gt(N), length(N), logit_margin(N)]. */
export function geometricVectors(models: SimilaritySource[]): Float32Array[] {
  const n = checkSameSamples(models);
  const norms = similarityNormalization(models);
  return models.map((m) => {
    const out = new Float32Array(n * similarityMetrics.length);
    norms.forEach(({ metric, mean, std }, j) => {
      const values = m[metric];
      for (let i = 0; i < n; i++) out[j * n + i] = std > 0 ? (values[i] - mean) / std : 0;
    });
    return out;
  });
}

/** M × M Euclidean distances between the models' z-scored geometric vectors (NaN-skipping). */
export function geometricDistances(models: SimilaritySource[], signal?: AbortSignal): { distances: Float64Array; normalization: MetricNormalization[] } {
  const n = checkSameSamples(models);
  const normalization = similarityNormalization(models);
  const m = models.length;
  const distances = new Float64Array(m * m);
  const total = n * similarityMetrics.length;
  for (let a = 0; a < m; a++) {
    checkAborted(signal);
    for (let b = a + 1; b < m; b++) {
      let ss = 0;
      let used = 0;
      for (const { metric, std } of normalization) {
        if (!(std > 0)) {
          used += n;
          continue;
        }
        const x = models[a][metric];
        const y = models[b][metric];
        const inv = 1 / std;
        for (let i = 0; i < n; i++) {
          const diff = (x[i] - y[i]) * inv;
          if (Number.isNaN(diff)) continue;
          ss += diff * diff;
          used++;
        }
      }
      distances[a * m + b] = distances[b * m + a] = used > 0 ? Math.sqrt((ss * total) / used) : NaN;
    }
  }
  return { distances, normalization };
}

export interface GeometricSimilarity {
  distances: Float64Array;
  normalization: MetricNormalization[];
  layout: MdsLayout;
  mst: MstEdge[];
}

/** Distances, a 2-D classical-MDS layout and the minimum spanning tree, in one call. */
export function geometricSimilarity(models: SimilaritySource[], signal?: AbortSignal): GeometricSimilarity {
  const { distances, normalization } = geometricDistances(models, signal);
  const m = models.length;
  return { distances, normalization, layout: classicalMds(distances, m, 2), mst: minimumSpanningTree(distances, m) };
}

/** M × M fraction of samples on which two models predict the same class. */
export function predictionAgreement(preds: Int32Array[]): Float64Array {
  const m = preds.length;
  const n = m > 0 ? preds[0].length : 0;
  preds.forEach((p, k) => checkLength(`model ${k} predictions`, p.length, n));
  const out = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    out[a * m + a] = 1;
    for (let b = a + 1; b < m; b++) {
      let same = 0;
      for (let i = 0; i < n; i++) if (preds[a][i] === preds[b][i]) same++;
      out[a * m + b] = out[b * m + a] = n > 0 ? same / n : NaN;
    }
  }
  return out;
}
