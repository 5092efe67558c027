// Claims for a whole-grid run (the UI's, serve's, plain `prunelens extract`): the same per-shard
// claims as `extract --shard` (cache/shard-claims.ts), so a local run and a Slurm array on one
// cache never compute the same shard at once. A run computes the shards it claimed; those another
// live writer holds are looked at again every poll: loaded once they are in the cache, claimed
// (and computed) once that writer has released them or its claim has gone stale.
import type { SetRef } from '../../../src-shared/api/result-types';
import type { ShardClaims } from '../cache/shard-claims';
import type { ResultCache } from '../cache/result-cache';
import { cellCacheKey } from './extraction-plan';
import type { ExtractionPlan } from './extraction-plan';
import type { PreparedModel } from './prepared-model';

/** One (set, shard) and the models it still needs. */
export interface WorkItem {
  set: SetRef;
  shard: number;
  models: PreparedModel[];
}

export interface ClaimContext {
  claims: ShardClaims;
  cache: ResultCache;
  plan: ExtractionPlan;
  /** Loads what the cache now has of the item (its holder may have finished it); returns the models still missing. */
  recheck(item: WorkItem): Promise<PreparedModel[]>;
}

export const claimFile = (context: Pick<ClaimContext, 'cache' | 'plan'>, model: PreparedModel, set: SetRef, shard: number): string =>
  context.cache.shardFile(cellCacheKey(model, set, context.plan), shard, 'claim');

/** Splits the items into what this process now holds (to compute) and what other writers hold. */
export async function claimWork(items: readonly WorkItem[], context: ClaimContext): Promise<{ mine: WorkItem[]; held: WorkItem[] }> {
  const mine: WorkItem[] = [];
  const held: WorkItem[] = [];
  for (const item of items) {
    const claimed: PreparedModel[] = [];
    const others: PreparedModel[] = [];
    for (const model of item.models) ((await context.claims.tryClaim(claimFile(context, model, item.set, item.shard))) ? claimed : others).push(model);
    if (others.length) held.push({ ...item, models: others });
    if (claimed.length === 0) continue;
    // Claimed: look again, the previous holder may have written the shard just before releasing.
    const missing = await context.recheck({ ...item, models: claimed });
    await Promise.all(claimed.filter((m) => !missing.includes(m)).map((m) => context.claims.release(claimFile(context, m, item.set, item.shard))));
    if (missing.length) mine.push({ ...item, models: missing });
  }
  return { mine, held };
}

export function pollDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
