// UMAP (McInnes, Healy & Melville 2018) on Float32Array rows: kNN graph (exact or NN-descent)
// → fuzzy simplicial set → SGD layout from a PCA (or given) start. Steppable like umap-js:
// initUmap → stepUmap(state, epochs)… → umapResult; fitUmap runs it all, yielding to the
// event loop between chunks so an AbortSignal can stop it and progress can be drawn.
import { PruneLensError } from '../base/errors';
import { checkAborted } from '../base/abort';
import { createRng, deriveSeed } from '../base/rng';
import { findAbParams } from './ab-params';
import type { CurveParams } from './ab-params';
import { fuzzySimplicialSet } from './fuzzy-set';
import type { FuzzyGraph } from './fuzzy-set';
import { givenInit, pcaInit, principalInit, randomInit } from './init-embedding';
import { exactKnn } from './knn-graph';
import type { KnnGraph } from './knn-graph';
import { initNnDescent, nnDescentResult, stepNnDescent } from './nn-descent';
import { pca } from './pca';
import type { PcaModel } from './pca';
import { initLayout, layoutDone, stepLayout } from './sgd-layout';
import type { LayoutState } from './layout-state';
import { preferExactKnn, resolveUmapOptions } from './umap-options';
import type { ResolvedUmapOptions, UmapOptions } from './umap-options';

export interface UmapProgress {
  phase: 'knn' | 'layout' | 'done';
  epoch: number;
  nEpochs: number;
  /** Overall completion in [0, 1] (kNN counted as the first 20 %). */
  fraction: number;
}

export interface UmapState {
  n: number;
  dim: number;
  options: ResolvedUmapOptions;
  /** The rows kNN ran on: the input, or its projection onto `pcaModel`. */
  space: Float32Array;
  spaceDim: number;
  pcaModel?: PcaModel;
  knn: KnnGraph;
  graph: FuzzyGraph;
  curve: CurveParams;
  layout: LayoutState;
  /** n × nComponents, updated in place by stepUmap. */
  embedding: Float32Array;
}

interface Prepared {
  space: Float32Array;
  spaceDim: number;
  pcaModel?: PcaModel;
}

const KNN_SHARE = 0.2;

function prepare(data: Float32Array, n: number, dim: number, r: ResolvedUmapOptions, signal?: AbortSignal): Prepared {
  if (!Number.isInteger(n) || !Number.isInteger(dim) || n < 2 || dim < 1) throw new PruneLensError('bad-data', `UMAP needs at least 2 rows and 1 column (got ${n}×${dim}).`);
  if (data.length !== n * dim) throw new PruneLensError('bad-request', `UMAP: data has ${data.length} values, expected ${n}×${dim}.`);
  for (let t = 0; t < data.length; t++) {
    if (!Number.isFinite(data[t])) throw new PruneLensError('bad-data', `UMAP: feature row ${Math.floor(t / dim)}, column ${t % dim} is not finite (${data[t]}).`, { row: Math.floor(t / dim), column: t % dim });
  }
  if (r.pcaDims > 0 && dim > r.pcaDims) {
    const { model, projected } = pca(data, n, dim, r.pcaDims, { rng: createRng(deriveSeed(r.seed, 'pca')), signal });
    return { space: projected, spaceDim: model.nComponents, pcaModel: model };
  }
  return { space: data, spaceDim: dim };
}

function useExact(r: ResolvedUmapOptions, n: number, dim: number): boolean {
  return r.knnMethod === 'exact' || (r.knnMethod === 'auto' && preferExactKnn(n, n, dim));
}

function checkKnn(knn: KnnGraph, n: number): KnnGraph {
  if (knn.n !== n || knn.indices.length !== n * knn.k || knn.distances.length !== n * knn.k) {
    throw new PruneLensError('bad-request', `UMAP: precomputed kNN graph is ${knn.n}×${knn.k}, expected ${n} rows.`);
  }
  return knn;
}

function buildState(data: Float32Array, n: number, dim: number, prepared: Prepared, knn: KnnGraph, r: ResolvedUmapOptions, initial: Float32Array | undefined, signal?: AbortSignal): UmapState {
  checkAborted(signal);
  const graph = fuzzySimplicialSet(knn, { localConnectivity: r.localConnectivity, setOpMixRatio: r.setOpMixRatio });
  const initRng = createRng(deriveSeed(r.seed, 'init'));
  const embedding = initial
    ? givenInit(initial, n, r.nComponents)
    : r.init === 'random'
      ? randomInit(n, r.nComponents, initRng)
      : prepared.pcaModel
        ? principalInit(prepared.space, n, prepared.spaceDim, r.nComponents, initRng)
        : pcaInit(prepared.space, n, prepared.spaceDim, r.nComponents, initRng, signal);
  const curve = findAbParams(r.spread, r.minDist);
  const layout = initLayout({ head: graph.rows, tail: graph.cols, weights: graph.weights }, embedding, embedding, n, r.nComponents, createRng(deriveSeed(r.seed, 'layout')), {
    nEpochs: r.nEpochs,
    curve,
    learningRate: r.learningRate,
    negativeSampleRate: r.negativeSampleRate,
    repulsionStrength: r.repulsionStrength,
  });
  return { n, dim, options: r, ...prepared, knn, graph, curve, layout, embedding };
}

/** Everything up to the first layout epoch, synchronously (kNN included). */
export function initUmap(data: Float32Array, n: number, dim: number, options: UmapOptions = {}): UmapState {
  const r = resolveUmapOptions(options, n);
  const prepared = prepare(data, n, dim, r, options.signal);
  let knn: KnnGraph;
  if (options.knn) knn = checkKnn(options.knn, n);
  else if (useExact(r, n, prepared.spaceDim)) knn = exactKnn(prepared.space, n, prepared.spaceDim, r.nNeighbors, options.signal);
  else {
    const nnd = initNnDescent(prepared.space, n, prepared.spaceDim, r.nNeighbors, createRng(deriveSeed(r.seed, 'knn')), { signal: options.signal });
    while (!stepNnDescent(nnd));
    knn = nnDescentResult(nnd);
  }
  return buildState(data, n, dim, prepared, knn, r, options.initialEmbedding, options.signal);
}

/** Runs up to `epochs` more layout epochs. */
export function stepUmap(state: UmapState, epochs: number): UmapProgress {
  stepLayout(state.layout, epochs);
  return layoutProgress(state);
}

function layoutProgress(state: UmapState): UmapProgress {
  const { epoch, nEpochs } = state.layout;
  const done = layoutDone(state.layout);
  return { phase: done ? 'done' : 'layout', epoch, nEpochs, fraction: KNN_SHARE + (1 - KNN_SHARE) * (epoch / nEpochs) };
}

/** A copy of the current layout (n × nComponents). */
export function umapResult(state: UmapState): Float32Array {
  return state.embedding.slice();
}

export interface FitUmapOptions extends UmapOptions {
  onProgress?: (progress: UmapProgress) => void;
  /** Milliseconds of work between yields to the event loop (default 40). */
  sliceMs?: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The whole fit, cooperatively: resolves to the fitted state (see transformUmap). */
export async function fitUmapModel(data: Float32Array, n: number, dim: number, options: FitUmapOptions = {}): Promise<UmapState> {
  const { signal, onProgress } = options;
  const sliceMs = options.sliceMs ?? 40;
  const r = resolveUmapOptions(options, n);
  checkAborted(signal);
  const prepared = prepare(data, n, dim, r, signal);
  let knn: KnnGraph;
  if (options.knn) knn = checkKnn(options.knn, n);
  else if (useExact(r, n, prepared.spaceDim)) knn = exactKnn(prepared.space, n, prepared.spaceDim, r.nNeighbors, signal);
  else {
    const nnd = initNnDescent(prepared.space, n, prepared.spaceDim, r.nNeighbors, createRng(deriveSeed(r.seed, 'knn')), { signal });
    while (!nnd.done) {
      onProgress?.({ phase: 'knn', epoch: 0, nEpochs: r.nEpochs, fraction: (KNN_SHARE * nnd.iteration) / nnd.maxIterations });
      await yieldToEventLoop();
      checkAborted(signal);
      stepNnDescent(nnd);
    }
    knn = nnDescentResult(nnd);
  }
  const state = buildState(data, n, dim, prepared, knn, r, options.initialEmbedding, signal);
  onProgress?.(layoutProgress(state));
  let chunk = 1;
  while (!layoutDone(state.layout)) {
    await yieldToEventLoop();
    checkAborted(signal);
    const started = performance.now();
    const progress = stepUmap(state, chunk);
    const elapsed = performance.now() - started;
    // Size the next chunk so a slice takes about sliceMs.
    chunk = Math.max(1, Math.min(100, Math.round((chunk * sliceMs) / Math.max(elapsed, 1))));
    onProgress?.(progress);
  }
  return state;
}

/** The whole fit, cooperatively: resolves to the embedding (n × nComponents). */
export async function fitUmap(data: Float32Array, n: number, dim: number, options: FitUmapOptions = {}): Promise<Float32Array> {
  return umapResult(await fitUmapModel(data, n, dim, options));
}
