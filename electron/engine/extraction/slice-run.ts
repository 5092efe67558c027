// Runs a list of grid units (one job-array slice) into a cache that other processes may be
// filling at the same time: each missing unit is claimed (cache/shard-claims.ts), computed with
// runExtraction restricted to its set and shard, written atomically, and released. Units another
// live writer holds are waited for (they appear in the cache) or taken over once its claim is
// stale, so a slice that finishes without error is in the cache in full.
import type { ShardClaims } from '../cache/shard-claims';
import { runExtraction } from './extract-run';
import type { ExtractionHooks, ExtractionPlan } from './extract-run';
import type { GridUnit } from './grid-units';
import { unitDone } from './grid-units';

export interface SliceHooks extends Omit<ExtractionHooks, 'onCell' | 'onProgress'> {
  claims: ShardClaims;
  /** Samples of the slice done (cached, computed here or by others) and in all. */
  onProgress?(done: number, total: number): void;
  /** How long to wait before looking again at units other writers hold (default 2 s). */
  pollMs?: number;
}

export interface SliceResult {
  units: number;
  samples: number;
  /** Units found in the cache, computed by this process, and finished by other writers while we waited. */
  cached: number;
  computed: number;
  byOthers: number;
}

/** Units of one (set, shard), in slice order: they are computed together (one corruption pass). */
function groupBySetShard(units: readonly GridUnit[]): GridUnit[][] {
  const groups = new Map<string, GridUnit[]>();
  for (const unit of units) {
    const id = `${unit.set.id}\u0000${unit.shard}`;
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id)!.push(unit);
  }
  return [...groups.values()];
}

export async function runSlice(plan: ExtractionPlan, units: readonly GridUnit[], hooks: SliceHooks): Promise<SliceResult> {
  const result: SliceResult = { units: units.length, samples: units.reduce((s, u) => s + u.count, 0), cached: 0, computed: 0, byOthers: 0 };
  const claimFile = (u: GridUnit) => hooks.cache.shardFile(u.key, u.shard, 'claim');
  let finishedSamples = 0;
  const inFlight = new Map<GridUnit[], number>();
  const report = () => hooks.onProgress?.(finishedSamples + [...inFlight.values()].reduce((a, b) => a + b, 0), result.samples);
  const finish = (unit: GridUnit, kind: 'cached' | 'computed' | 'byOthers') => {
    result[kind]++;
    finishedSamples += unit.count;
  };

  /** One pass over a group: returns the units still held by other writers. */
  const runGroup = async (group: GridUnit[], firstPass: boolean): Promise<GridUnit[]> => {
    const mine: GridUnit[] = [];
    const held: GridUnit[] = [];
    for (const unit of group) {
      hooks.signal?.throwIfAborted();
      if (await unitDone(hooks.cache, unit)) finish(unit, firstPass ? 'cached' : 'byOthers');
      else if (!(await hooks.claims.tryClaim(claimFile(unit)))) held.push(unit);
      // Claimed: look again, the previous holder may have finished it just before releasing.
      else if (await unitDone(hooks.cache, unit)) {
        await hooks.claims.release(claimFile(unit));
        finish(unit, firstPass ? 'cached' : 'byOthers');
      } else mine.push(unit);
    }
    if (mine.length === 0) return held;
    try {
      inFlight.set(mine, 0);
      await runExtraction(
        { ...plan, models: mine.map((u) => u.model), sets: [mine[0].set], shards: [mine[0].shard] },
        {
          pool: hooks.pool, cache: hooks.cache, signal: hooks.signal, onWarning: hooks.onWarning,
          onProgress: (done) => {
            inFlight.set(mine, done);
            report();
          },
        },
      );
      for (const unit of mine) finish(unit, 'computed');
    } finally {
      inFlight.delete(mine);
      await Promise.all(mine.map((u) => hooks.claims.release(claimFile(u))));
    }
    report();
    return held;
  };

  try {
    let pending = groupBySetShard(units);
    for (let pass = 0; pending.length > 0; pass++) {
      if (pass > 0) await sleep(hooks.pollMs ?? 2000, hooks.signal);
      const stillHeld: GridUnit[][] = [];
      // Two groups at a time, so the pool does not drain at each group's end.
      let next = 0;
      let failed = false;
      const lanes = Array.from({ length: Math.min(2, pending.length) }, async () => {
        while (next < pending.length && !failed) {
          const held = await runGroup(pending[next++], pass === 0).catch((error: unknown) => {
            failed = true;
            throw error;
          });
          if (held.length) stillHeld.push(held);
        }
      });
      // No lane still writing when the claims are released and the failure reported.
      const failure = (await Promise.allSettled(lanes)).find((r) => r.status === 'rejected');
      if (failure) throw failure.reason;
      pending = stillHeld;
      report();
    }
  } finally {
    await hooks.claims.releaseAll();
  }
  return result;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
