// Reads a finished model × set cell (logits, features) from the cache, and its per-sample
// geometry, memoised within a byte budget (least recently used cells are dropped and read again
// from the disk cache when needed): large grids never pile up in the engine's memory.
import { PruneLensError } from '../../../src-shared/base/errors';
import type { SetRef } from '../../../src-shared/api/result-types';
import { computeSampleGeometry } from '../../../src-shared/analysis/sample-geometry';
import type { SampleGeometry } from '../../../src-shared/analysis/types';
import { forgetCompleteCell } from '../cache/grid-index';
import type { ResultCache } from '../cache/result-cache';
import type { ExtractionPlan } from '../extraction/extract-run';
import { DEFAULT_SHARD_SIZE as SHARD_SIZE, cellCacheKey } from '../extraction/extract-run';
import type { PreparedModel } from '../extraction/prepared-model';
import { ByteBudgetLru, typedArrayBytes } from './byte-budget-lru';
import { cellBudgetBytes } from './memory-budget';

export interface CellData {
  logits: Float32Array;
  features: Float32Array;
  geometry: SampleGeometry;
}

export class CellStore {
  private readonly memo: ByteBudgetLru<CellData>;

  constructor(
    readonly cache: ResultCache,
    /** Memory for memoised cells across all open bundles (memory-budget.ts). */
    budgetBytes = cellBudgetBytes(),
  ) {
    this.memo = new ByteBudgetLru<CellData>(budgetBytes, typedArrayBytes);
  }

  clear(): void {
    this.memo.clear();
  }

  /** Bytes of the cells held now (within the budget, plus at most the cell just read). */
  get heldBytes(): number {
    return this.memo.heldBytes;
  }

  get(plan: ExtractionPlan, model: PreparedModel, set: SetRef): Promise<CellData> {
    const key = cellCacheKey(model, set, plan);
    return this.memo.get(key, () => this.load(plan, model, set, key));
  }

  private async load(plan: ExtractionPlan, model: PreparedModel, set: SetRef, key: string): Promise<CellData> {
    const { classes, featureDim } = model.head;
    const logits = new Float32Array(plan.count * classes);
    const features = new Float32Array(plan.count * featureDim);
    for (let shard = 0; shard * SHARD_SIZE < plan.count; shard++) {
      const length = Math.min(SHARD_SIZE, plan.count - shard * SHARD_SIZE);
      const data = await this.cache.readShard(key, shard, length, { classes, featureDim });
      if (!data) {
        // A run trusts a cell's metrics file without reading its shards: a shard missing or damaged
        // now must make the next run read (and recompute) them.
        await forgetCompleteCell(this.cache.root, this.cache.storedKey(key)).catch(() => undefined);
        throw new PruneLensError('unavailable', `${model.id} on ${set.id} is not in the cache (not computed yet, or a shard is missing or damaged): run the analysis to compute it.`, { model: model.id, set: set.id });
      }
      logits.set(data.logits, shard * SHARD_SIZE * classes);
      features.set(data.features, shard * SHARD_SIZE * featureDim);
    }
    const geometry = computeSampleGeometry({ logits, features, labels: plan.source.labels.subarray(0, plan.count), head: model.head });
    return { logits, features, geometry };
  }
}

/** N × C angles (degrees) between each feature vector and each class direction. */
export function classAngles(features: Float32Array, weights: Float32Array, count: number, classes: number, dim: number): Float32Array {
  const out = new Float32Array(count * classes);
  const norms = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += weights[c * dim + k] ** 2;
    norms[c] = Math.sqrt(s);
  }
  for (let i = 0; i < count; i++) {
    let fn = 0;
    for (let k = 0; k < dim; k++) fn += features[i * dim + k] ** 2;
    fn = Math.sqrt(fn);
    for (let c = 0; c < classes; c++) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += weights[c * dim + k] * features[i * dim + k];
      const cos = fn > 0 && norms[c] > 0 ? Math.max(-1, Math.min(1, dot / (fn * norms[c]))) : NaN;
      out[i * classes + c] = (Math.acos(cos) * 180) / Math.PI;
    }
  }
  return out;
}
