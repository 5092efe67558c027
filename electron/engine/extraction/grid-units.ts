// The extraction grid as units of work: every (model, set, shard) of a plan in one stable order,
// split into N balanced slices for job arrays (`prunelens extract --shard i/N`). Slices come from
// the FULL grid, never from what is missing now: a task's slice is the same on every run and every
// node, so a re-submitted task redoes only what is missing in its own slice.
import { readFile } from 'node:fs/promises';
import { PruneLensError } from '../../../src-shared/base/errors';
import type { SetRef } from '../../../src-shared/api/result-types';
import type { FeatureDtype } from '../cache/feature-storage';
import type { ResultCache } from '../cache/result-cache';
import { DEFAULT_SHARD_SIZE, cellCacheKey } from './extract-run';
import type { ExtractionPlan } from './extract-run';
import type { PreparedModel } from './prepared-model';

export interface GridUnit {
  model: PreparedModel;
  set: SetRef;
  shard: number;
  /** First sample and sample count of the shard. */
  start: number;
  count: number;
  /** The cache entry key of the model × set cell. */
  key: string;
}

export interface ShardSpec {
  index: number;
  of: number;
}

/** Parses `i/N` (0 ≤ i < N). */
export function parseShardSpec(text: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const of = match ? Number(match[2]) : NaN;
  if (!match || of < 1 || index >= of) throw new PruneLensError('bad-request', `--shard takes i/N with 0 ≤ i < N (got '${text}').`);
  return { index, of };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every unit of the plan, sorted by (set id, shard, model id): code-point order, no locale. */
export function gridUnits(plan: ExtractionPlan): GridUnit[] {
  const shardSize = plan.shardSize ?? DEFAULT_SHARD_SIZE;
  const units: GridUnit[] = [];
  for (const set of plan.sets) {
    for (const model of plan.models) {
      const key = cellCacheKey(model, set, plan);
      for (let start = 0, shard = 0; start < plan.count; start += shardSize, shard++) units.push({ model, set, shard, start, count: Math.min(shardSize, plan.count - start), key });
    }
  }
  return units.sort((a, b) => byText(a.set.id, b.set.id) || a.shard - b.shard || byText(a.model.id, b.model.id));
}

/**
 * Slice `index` of `of`: contiguous runs of the sorted grid, balanced by samples (a unit goes to the
 * slice its middle sample falls in), so neighbouring units of one set and shard mostly share a task
 * (a generated corruption is then computed once for all its models).
 */
export function sliceUnits(units: readonly GridUnit[], spec: ShardSpec): GridUnit[] {
  const total = units.reduce((sum, u) => sum + u.count, 0);
  let before = 0;
  return units.filter((unit) => {
    const middle = before + unit.count / 2;
    before += unit.count;
    return Math.min(spec.of - 1, Math.floor((middle * spec.of) / total)) === spec.index;
  });
}

/** Whether the cache holds the unit's shard (its meta, written last, with the right count); checksums are checked on read. */
export async function unitDone(cache: ResultCache, unit: GridUnit): Promise<boolean> {
  try {
    const meta = JSON.parse(await readFile(cache.shardFile(unit.key, unit.shard, 'json'), 'utf8')) as { count?: number };
    return meta.count === unit.count;
  } catch {
    return false;
  }
}

/** The units the cache does not hold yet (meta checks, a few at a time). */
export async function missingUnits(cache: ResultCache, units: readonly GridUnit[]): Promise<GridUnit[]> {
  const done = new Array<boolean>(units.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(32, units.length) }, async () => {
    while (next < units.length) {
      const i = next++;
      done[i] = await unitDone(cache, units[i]);
    }
  }));
  return units.filter((_, i) => !done[i]);
}

/** Bytes a unit takes in the cache: float32 logits and float16 or float32 features (.npy, 128-byte headers) and the meta JSON. */
export function unitBytes(unit: GridUnit, featureDtype: FeatureDtype = 'float16'): number {
  return 2 * 128 + unit.count * (unit.model.head.classes * 4 + unit.model.head.featureDim * (featureDtype === 'float16' ? 2 : 4)) + 300;
}

export interface WorkSize {
  units: number;
  samples: number;
  bytes: number;
}

export function workSize(units: readonly GridUnit[], featureDtype: FeatureDtype = 'float16'): WorkSize {
  return { units: units.length, samples: units.reduce((s, u) => s + u.count, 0), bytes: units.reduce((s, u) => s + unitBytes(u, featureDtype), 0) };
}
