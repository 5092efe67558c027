// Place new points (e.g. corrupted copies of the samples) into a fitted UMAP map without
// refitting, as umap-learn's transform does: their kNN among the fitted points → membership
// strengths (local connectivity − 1) → start at the membership-weighted mean of the
// neighbours' positions → a few SGD epochs that move only the new points.
import { PruneLensError } from '../base/errors';
import { checkAborted } from '../base/abort';
import { createRng, deriveSeed } from '../base/rng';
import { membershipStrengths, smoothKnnDistances } from './fuzzy-set';
import { exactKnnQuery } from './knn-graph';
import type { KnnGraph } from './knn-graph';
import { buildSearchIndex, searchKnn } from './knn-search';
import type { SearchIndex } from './knn-search';
import { projectPca } from './pca';
import { initLayout, layoutDone, stepLayout } from './sgd-layout';
import type { UmapState } from './umap';
import { preferExactKnn } from './umap-options';

export interface TransformOptions {
  /** SGD epochs for the new points (default 100 up to 10,000 new points, 30 above; 0 = only the weighted-mean start). */
  nEpochs?: number;
  seed?: number;
  signal?: AbortSignal;
}

const searchIndexes = new WeakMap<UmapState, SearchIndex>();

function queryKnn(state: UmapState, space: Float32Array, m: number, signal?: AbortSignal): KnnGraph {
  const k = state.options.nNeighbors;
  if (preferExactKnn(state.n, m, state.spaceDim)) return exactKnnQuery(state.space, state.n, space, m, state.spaceDim, k, signal);
  let index = searchIndexes.get(state);
  if (!index) {
    index = buildSearchIndex(state.space, state.n, state.spaceDim, state.knn, createRng(deriveSeed(state.options.seed, 'search')));
    searchIndexes.set(state, index);
  }
  return searchKnn(index, space, m, k, 0.1, signal);
}

/** Positions (m × nComponents) for `m` new rows of the fitted data's width. */
export function transformUmap(state: UmapState, points: Float32Array, m: number, options: TransformOptions = {}): Float32Array {
  const { dim, options: fit } = state;
  const C = fit.nComponents;
  if (points.length !== m * dim) throw new PruneLensError('bad-request', `transform: got ${points.length} values, expected ${m}×${dim} (the fitted data's width).`);
  for (let t = 0; t < points.length; t++) {
    if (!Number.isFinite(points[t])) throw new PruneLensError('bad-data', `transform: row ${Math.floor(t / dim)}, column ${t % dim} is not finite.`, { row: Math.floor(t / dim), column: t % dim });
  }
  if (m === 0) return new Float32Array(0);
  const space = state.pcaModel ? projectPca(state.pcaModel, points, m) : points;
  const knn = queryKnn(state, space, m, options.signal);
  const strengths = membershipStrengths(knn, smoothKnnDistances(knn, Math.max(0, fit.localConnectivity - 1)), true);
  const out = initialPositions(knn, strengths, state.embedding, C);
  const nEpochs = options.nEpochs ?? (m <= 10_000 ? 100 : 30);
  if (nEpochs <= 0) return out;
  const heads = new Int32Array(m * knn.k);
  for (let t = 0; t < heads.length; t++) heads[t] = Math.floor(t / knn.k);
  // The fitted map is only read (head ≠ tail), so a copy protects it from any aliasing.
  const tail = state.embedding.slice();
  const layout = initLayout({ head: heads, tail: knn.indices, weights: strengths }, out, tail, state.n, C, createRng(deriveSeed(options.seed ?? fit.seed, 'transform')), {
    nEpochs,
    curve: state.curve,
    learningRate: fit.learningRate / 4,
    negativeSampleRate: fit.negativeSampleRate,
    repulsionStrength: fit.repulsionStrength,
  });
  while (!layoutDone(layout)) {
    checkAborted(options.signal);
    stepLayout(layout, 1);
  }
  return out;
}

/** Membership-weighted mean of the neighbours' positions; an exact duplicate takes its twin's. */
function initialPositions(knn: KnnGraph, strengths: Float32Array, embedding: Float32Array, C: number): Float32Array {
  const { n: m, k, indices } = knn;
  const out = new Float32Array(m * C);
  for (let q = 0; q < m; q++) {
    let total = 0;
    let twin = -1;
    for (let t = q * k; t < q * k + k; t++) {
      if (indices[t] < 0) continue;
      if (strengths[t] === 1 && knn.distances[t] === 0) {
        twin = indices[t];
        break;
      }
      total += strengths[t];
    }
    if (twin >= 0) {
      for (let c = 0; c < C; c++) out[q * C + c] = embedding[twin * C + c];
      continue;
    }
    for (let t = q * k; t < q * k + k; t++) {
      const j = indices[t];
      if (j < 0 || total <= 0) continue;
      const w = strengths[t] / total;
      for (let c = 0; c < C; c++) out[q * C + c] += w * embedding[j * C + c];
    }
  }
  return out;
}
