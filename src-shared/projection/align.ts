// Side-by-side maps of several models over the same samples, made comparable: lay out the
// reference (dense) model first, start every other model's layout from the reference's
// coordinates (so each sample starts where it sits in the reference map), then
// Procrustes-align each result onto the reference and report what is left over.
import { PruneLensError } from '../base/errors';
import { checkAborted } from '../base/abort';
import { applySimilarity, procrustes } from './procrustes';
import type { ProcrustesOptions } from './procrustes';
import { transformUmap } from './transform';
import type { TransformOptions } from './transform';
import { fitUmapModel, umapResult } from './umap';
import type { FitUmapOptions, UmapProgress, UmapState } from './umap';

export interface AlignProgress {
  /** Index (into `models`) of the model being laid out. */
  model: number;
  /** Models finished so far. */
  done: number;
  total: number;
  umap: UmapProgress;
  fraction: number;
}

export interface AlignOptions extends Omit<FitUmapOptions, 'initialEmbedding' | 'knn' | 'onProgress'>, ProcrustesOptions {
  /** Index of the reference (dense) model (default 0). */
  reference?: number;
  /** Layout epochs for the models started from the reference map (default: as the reference). */
  followerEpochs?: number;
  onProgress?: (progress: AlignProgress) => void;
}

export interface AlignedModelFit {
  /** n × nComponents in the reference map's frame. */
  embedding: Float32Array;
  /** Normalised RMS distance to the reference map after alignment (0 for the reference). */
  residual: number;
  /** The same before the Procrustes step. */
  residualBefore: number;
  rotation: Float64Array;
  scale: number;
  translation: Float64Array;
  /** The fitted model, for placing more points (see transformAligned). */
  state: UmapState;
}

export interface AlignedFit {
  reference: number;
  models: AlignedModelFit[];
}

/** `models[i]` holds n rows of width `dims[i]` (row r is the same sample in every model). */
export async function fitAligned(models: Float32Array[], n: number, dims: number | number[], options: AlignOptions = {}): Promise<AlignedFit> {
  const total = models.length;
  if (total === 0) throw new PruneLensError('bad-request', 'fitAligned: no models given.');
  const widths = typeof dims === 'number' ? models.map(() => dims) : dims;
  if (widths.length !== total) throw new PruneLensError('bad-request', `fitAligned: ${total} models but ${widths.length} widths.`);
  const reference = options.reference ?? 0;
  if (!Number.isInteger(reference) || reference < 0 || reference >= total) throw new PruneLensError('bad-request', `fitAligned: reference ${reference} is not a model index (0..${total - 1}).`);
  const { onProgress, followerEpochs, allowReflection, allowScale, ...umapOptions } = options;
  const order = [reference, ...models.map((_, i) => i).filter((i) => i !== reference)];
  const fits: AlignedModelFit[] = new Array(total);
  let referenceMap: Float32Array | undefined;
  for (let done = 0; done < total; done++) {
    checkAborted(options.signal);
    const i = order[done];
    const report = (umap: UmapProgress) => onProgress?.({ model: i, done, total, umap, fraction: (done + umap.fraction) / total });
    const state = await fitUmapModel(models[i], n, widths[i], {
      ...umapOptions,
      nEpochs: referenceMap && followerEpochs !== undefined ? followerEpochs : umapOptions.nEpochs,
      initialEmbedding: referenceMap,
      onProgress: report,
    });
    const embedding = umapResult(state);
    const dim = state.options.nComponents;
    if (!referenceMap) {
      referenceMap = embedding;
      const identity = new Float64Array(dim * dim);
      for (let a = 0; a < dim; a++) identity[a * dim + a] = 1;
      fits[i] = { embedding, residual: 0, residualBefore: 0, rotation: identity, scale: 1, translation: new Float64Array(dim), state };
      continue;
    }
    const fit = procrustes(referenceMap, embedding, n, dim, { allowReflection, allowScale });
    fits[i] = { embedding: fit.aligned, residual: fit.residual, residualBefore: fit.residualBefore, rotation: fit.rotation, scale: fit.scale, translation: fit.translation, state };
  }
  return { reference, models: fits };
}

/** Places new rows (e.g. corrupted samples) into model `model`'s aligned map. */
export function transformAligned(fit: AlignedFit, model: number, points: Float32Array, m: number, options: TransformOptions = {}): Float32Array {
  const entry = fit.models[model];
  if (!entry) throw new PruneLensError('bad-request', `transformAligned: no model ${model}.`);
  const placed = transformUmap(entry.state, points, m, options);
  const dim = entry.state.options.nComponents;
  return applySimilarity(placed, m, dim, entry.rotation, entry.scale, entry.translation);
}
