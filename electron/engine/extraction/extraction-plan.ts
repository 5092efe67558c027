// What an extraction run is given (the plan, its hooks, the per-cell report) and the cache key of
// one model × set cell. Its own module so extract-run.ts and shard-assembly.ts both stand on it
// instead of importing each other.
import type { SetRef } from '../../../src-shared/api/result-types';
import type { NonFiniteCounts } from '../../../src-shared/analysis/non-finite';
import type { PreprocessSpec } from '../../../src-shared/data/preprocess';
import { CORRUPTION_ENGINE_VERSION, type FrostTexture } from '../../../src-shared/corruptions/index';
import { ResultCache } from '../cache/result-cache';
import type { WorkerPool } from '../workers/worker-pool';
import type { ShardClaims } from '../cache/shard-claims';
import type { ImageSource } from '../data-sources/data-source';
import type { PreparedModel } from './prepared-model';

export interface ExtractionPlan {
  models: PreparedModel[];
  sets: SetRef[];
  source: ImageSource;
  count: number;
  preprocessing: PreprocessSpec;
  /** Identifies the clean data (file hash + limit) in cache keys. */
  dataKey: string;
  corruptionSeed: number;
  /** The bundle's own frost photographs (`generate.frost.images`): textures, and their content key for the cache. */
  frostPhotos?: { key: string; textures: FrostTexture[] };
  executionProvider: string;
  /** Precomputed corrupted sets (CIFAR-10-C layout); without it corruptions are generated. */
  corruptedSource?: (set: SetRef) => Promise<ImageSource>;
  /** Content hash of each precomputed corruption's file (with the labels), so a replaced file is never served from the cache. */
  corruptedKeys?: Record<string, string>;
  batchSize?: number;
  shardSize?: number;
  /** Only these shard indices (a job-array slice, see grid-units.ts); all when absent. */
  shards?: readonly number[];
}

/** Samples per cache shard (the unit of caching, resuming and job-array slicing). */
export const DEFAULT_SHARD_SIZE = 1024;

export interface CellDone {
  modelId: string;
  setId: string;
  accuracy: number;
  executionProvider: string;
  /** Samples with NaN/±Inf logits (never counted correct) and features. */
  nonFinite: NonFiniteCounts;
}

export interface ExtractionHooks {
  pool: WorkerPool;
  cache: ResultCache;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
  onCell?(cell: CellDone): void;
  onWarning?(message: string): void;
  /** Load what the cache holds (cells complete in it are reported) and compute nothing (session/cache-watch.ts). */
  cacheOnly?: boolean;
  /** Write the metrics file of cells read back from the cache too (the caller found theirs missing or damaged); otherwise only computed cells write one. */
  repairMetrics?: boolean;
  /** Claim each shard before computing it, as `extract --shard` does (claimed-work.ts); shards others hold are waited for. */
  claims?: ShardClaims;
  /** How often shards other writers hold are looked at again (default 2 s). */
  claimPollMs?: number;
}

type KeyedPlan = Pick<ExtractionPlan, 'dataKey' | 'corruptionSeed' | 'preprocessing' | 'corruptedSource' | 'corruptedKeys' | 'frostPhotos'>;

/** Keys already computed, per plan object (plans are never modified once built): a run asks for each cell's key at every shard, claim and release. */
const keyMemo = new WeakMap<KeyedPlan, Map<string, string>>();

export function cellCacheKey(model: PreparedModel, set: SetRef, plan: KeyedPlan): string {
  let memo = keyMemo.get(plan);
  if (!memo) keyMemo.set(plan, (memo = new Map()));
  const id = `${model.hash}\u0000${model.head.featureTensor}\u0000${set.corruption}\u0000${set.severity}`;
  let key = memo.get(id);
  if (key === undefined) memo.set(id, (key = computeCellCacheKey(model, set, plan)));
  return key;
}

function computeCellCacheKey(model: PreparedModel, set: SetRef, plan: KeyedPlan): string {
  const setDef = set.corruption === 'clean' ? { data: plan.dataKey } : plan.corruptedSource
        ? { data: plan.dataKey, precomputed: set.corruption, file: plan.corruptedKeys?.[set.corruption] ?? null, severity: set.severity }
        : { data: plan.dataKey, corruption: set.corruption, severity: set.severity, seed: plan.corruptionSeed, engine: CORRUPTION_ENGINE_VERSION,
          ...(set.corruption === 'frost' && plan.frostPhotos ? { frostPhotos: plan.frostPhotos.key } : {}) };
  return ResultCache.entryKey({ modelHash: model.hash, set: setDef, preprocessing: plan.preprocessing, featureTensor: model.head.featureTensor });
}
