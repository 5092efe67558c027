// Benchmark redundancy: do two corruptions measure the same thing? Corruption × corruption
// Pearson correlation of (a) accuracy drops across models and (b) per-sample correctness across
// samples (pooled over models), then average-linkage clustering on 1 − r and near-duplicate pairs.
import { checkAborted } from '../base/abort';
import { averageLinkage } from './clustering';
import type { Dendrogram } from './clustering';
import type { ModelErrorRates } from './robustness';
import { pearson } from './stats';
import { badData, checkLength } from './validate';

/**
 * Per corruption, the accuracy drop of each model: clean accuracy − corrupted accuracy averaged
 * over severities (= mean_s E_s − E_clean). Vector length M (models in input order).
 */
export function accuracyDropVectors(models: ModelErrorRates[], corruptions: string[]): Float64Array[] {
  return corruptions.map((c) =>
    Float64Array.from(models, (m) => {
      const rates = m.corrupted[c];
      if (!rates || rates.length === 0) throw badData(`accuracy drop: model ${m.id} has no ${c} results.`);
      let mean = 0;
      for (let s = 0; s < rates.length; s++) mean += rates[s];
      return mean / rates.length - m.clean;
    }),
  );
}

/**
 * Per corruption, per-sample correctness averaged over severities, pooled over models: the vector
 * for corruption c is [model 0's N samples, model 1's N samples, …] with values in [0, 1].
 * `correct[c][model][severityIndex]` is that set's Uint8Array of 0/1.
 */
export function correctnessVectors(correct: Record<string, Uint8Array[][]>, corruptions: string[]): Float64Array[] {
  const first = correct[corruptions[0]];
  if (!first || first.length === 0 || first[0].length === 0) throw badData(`correctness: no results for ${corruptions[0]}.`);
  const models = first.length;
  const n = first[0][0].length;
  return corruptions.map((c) => {
    const perModel = correct[c];
    if (!perModel) throw badData(`correctness: no results for ${c}.`);
    checkLength(`${c} models`, perModel.length, models);
    const out = new Float64Array(models * n);
    perModel.forEach((severities, m) => {
      if (severities.length === 0) throw badData(`correctness: model ${m} has no ${c} severities.`);
      for (const set of severities) {
        checkLength(`${c} model ${m} correctness`, set.length, n);
        for (let i = 0; i < n; i++) out[m * n + i] += set[i];
      }
      for (let i = 0; i < n; i++) out[m * n + i] /= severities.length;
    });
    return out;
  });
}

/** K × K Pearson correlations (NaN where a vector is constant). */
export function correlationMatrix(vectors: ArrayLike<number>[], signal?: AbortSignal): Float64Array {
  const k = vectors.length;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    checkAborted(signal);
    for (let b = a; b < k; b++) {
      checkLength(`vector ${b}`, vectors[b].length, vectors[a].length);
      out[a * k + b] = out[b * k + a] = pearson(vectors[a], vectors[b]);
    }
  }
  return out;
}

export interface NearDuplicate {
  a: string;
  b: string;
  r: number;
}

/** Redundancy of a benchmark's corruptions (`benchmarkRedundancy`); the API's view result is api/result-types' RedundancyResult. */
export interface BenchmarkRedundancy {
  names: string[];
  /** K × K Pearson r. */
  correlation: Float64Array;
  /** Average linkage on 1 − r; an undefined r (constant vector) counts as r = 0. */
  dendrogram: Dendrogram;
  /** Pairs with r ≥ threshold, highest r first. */
  nearDuplicates: NearDuplicate[];
}

export function benchmarkRedundancy(names: string[], vectors: ArrayLike<number>[], threshold = 0.9, signal?: AbortSignal): BenchmarkRedundancy {
  checkLength('redundancy vectors', vectors.length, names.length);
  const k = names.length;
  const correlation = correlationMatrix(vectors, signal);
  const distance = new Float64Array(k * k);
  const nearDuplicates: NearDuplicate[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const r = correlation[a * k + b];
      distance[a * k + b] = a === b ? 0 : Number.isNaN(r) ? 1 : 1 - r;
      if (b > a && r >= threshold) nearDuplicates.push({ a: names[a], b: names[b], r });
    }
  }
  nearDuplicates.sort((x, y) => y.r - x.r);
  return { names, correlation, dendrogram: averageLinkage(distance, k), nearDuplicates };
}
