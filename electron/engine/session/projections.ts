// 3-D/2-D maps of each model's feature space. The dense model's map is fitted first; every other
// model starts from the dense coordinates and is Procrustes-aligned to them, so the same sample
// sits in a comparable place side by side. Corrupted sets are placed into their model's clean
// map (transform) so drift under corruption is visible. Runs in the worker pool.
// One computation per model × set × dims is shared by every caller (all clients), counting the
// callers still interested: a caller whose signal aborts (cancelled, disconnected) stops waiting
// at once, and when the last interested caller has gone the computation itself is cancelled (its
// UMAP fit stops in the worker). A caller without a signal keeps it to the end.
// Finished maps are stored in the disk cache (cache/projection-cache.ts) and read back instead of
// refitted; in memory they are kept within a byte budget (memory-budget.ts), least recently used
// first out, so a long-running server does not grow with every view opened.
import type { ProjectionResult } from '../../../src-shared/api/result-types';
import { PruneLensError } from '../../../src-shared/base/errors';
import { cancelledError } from '../../../src-shared/api/rpc';
import { checkAborted } from '../../../src-shared/base/abort';
import { resolveUmapOptions } from '../../../src-shared/projection/umap-options';
import { ProjectionCache, projectionKey } from '../cache/projection-cache';
import type { ResultCache } from '../cache/result-cache';
import { cellCacheKey } from '../extraction/extract-run';
import { cleanSet, parseSetId } from '../extraction/sets';
import type { BundleSession } from './bundle-session';
import type { CellStore } from './cell-data';
import { projectionBudgetBytes } from './memory-budget';

interface Shared {
  result: Promise<ProjectionResult>;
  controller: AbortController;
  /** Callers with a signal still waiting. */
  interested: number;
  /** A caller without a signal asked: never cancelled. */
  pinned: boolean;
  settled: boolean;
  /** Bytes of the finished coordinates (0 until settled). */
  bytes: number;
}

const memo = new WeakMap<BundleSession, Map<string, Shared>>();
const SEED = 42;

/** Finished maps held in memory, least recently used first; each value forgets its entry. */
const retained = new Map<Shared, () => void>();
let retainedBytes = 0;
let budgetBytes = projectionBudgetBytes();

/** Sets the memory budget for finished maps (tests; the default comes from memory-budget.ts) and applies it. */
export function setProjectionBudget(bytes: number): void {
  budgetBytes = bytes;
  evict(null);
}

/** Bytes of finished maps held in memory now. */
export const heldProjectionBytes = (): number => retainedBytes;

function retain(entry: Shared, forget: () => void): void {
  if (retained.delete(entry)) retained.set(entry, forget);
  else {
    retained.set(entry, forget);
    retainedBytes += entry.bytes;
    evict(entry);
  }
}

function evict(keep: Shared | null): void {
  for (const [entry, forget] of retained) {
    if (retainedBytes <= budgetBytes) return;
    if (entry === keep) continue;
    retained.delete(entry);
    retainedBytes -= entry.bytes;
    forget();
  }
}

const diskCaches = new WeakMap<ResultCache, ProjectionCache>();
function diskCache(cells: CellStore): ProjectionCache {
  let cache = diskCaches.get(cells.cache);
  if (!cache) diskCaches.set(cells.cache, (cache = new ProjectionCache(cells.cache.root, cells.cache.onProblem)));
  return cache;
}

export function projection(session: BundleSession, cells: CellStore, modelId: string, setId: string, dims: 2 | 3, signal?: AbortSignal): Promise<ProjectionResult> {
  if (signal?.aborted) return Promise.reject(cancelledError());
  let perSession = memo.get(session);
  if (!perSession) memo.set(session, (perSession = new Map()));
  // The sample count is part of the key: a rerun with another limit must not get the old map.
  const key = `${modelId}|${setId}|${dims}|${session.count}`;
  let shared = perSession.get(key);
  if (!shared) {
    const controller = new AbortController();
    const entry: Shared = { result: compute(session, cells, modelId, setId, dims, controller.signal), controller, interested: 0, pinned: false, settled: false, bytes: 0 };
    const forget = () => perSession!.get(key) === entry && perSession!.delete(key);
    entry.result.then(
      (value) => {
        entry.settled = true;
        entry.bytes = value.coords.byteLength;
        if (perSession!.get(key) === entry) retain(entry, forget);
      },
      () => {
        entry.settled = true;
        if (perSession!.get(key) === entry) perSession!.delete(key);
      },
    );
    perSession.set(key, (shared = entry));
  } else if (retained.has(shared)) {
    retain(shared, retained.get(shared)!); // used again: now the most recent
  }
  if (!signal) {
    shared.pinned = true;
    return shared.result;
  }
  const entry = shared;
  entry.interested++;
  return new Promise<ProjectionResult>((resolve, reject) => {
    let gone = false;
    const onAbort = () => {
      gone = true;
      reject(cancelledError());
      if (--entry.interested > 0 || entry.pinned || entry.settled) return;
      // The last interested caller left: stop the work and forget it (the next caller starts afresh).
      if (perSession!.get(key) === entry) perSession!.delete(key);
      entry.controller.abort();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    entry.result.then(
      (value) => {
        if (gone) return;
        signal.removeEventListener('abort', onAbort);
        entry.interested--;
        resolve(value);
      },
      (error: unknown) => {
        if (gone) return;
        signal.removeEventListener('abort', onAbort);
        entry.interested--;
        reject(error);
      },
    );
  });
}

async function compute(session: BundleSession, cells: CellStore, modelId: string, setId: string, dims: 2 | 3, signal: AbortSignal): Promise<ProjectionResult> {
  const plan = await session.currentPlan();
  const model = plan.models.find((m) => m.id === modelId);
  if (!model) throw new PruneLensError('bad-request', `Unknown model '${modelId}'.`);
  const dense = plan.models.find((m) => m.role === 'dense')!;
  const set = parseSetId(setId);
  const dim = model.head.featureDim;
  const disk = diskCache(cells);
  const cacheKey = projectionKey({
    clean: cellCacheKey(model, cleanSet, plan),
    set: set.corruption === 'clean' ? null : cellCacheKey(model, set, plan),
    reference: model === dense ? null : cellCacheKey(dense, cleanSet, plan),
    count: plan.count,
    umap: resolveUmapOptions({ nComponents: dims, seed: SEED }, plan.count),
    // The storage the features were read from (a float16 map is not a float32 one).
    featureDtype: cells.cache.featureDtype,
  });
  const cached = await disk.read(cacheKey, plan.count, dims);
  if (cached) return { modelId, setId, dims, coords: cached.coords, residual: cached.residual };
  checkAborted(signal);
  const clean = await cells.get(plan, model, cleanSet);
  checkAborted(signal);
  // This computation is one interested caller of the dense map: cancelled, it lets go of it too.
  const reference = model === dense ? null : (await projection(session, cells, dense.id, 'clean', dims, signal)).coords;
  const query = set.corruption === 'clean' ? undefined : (await cells.get(plan, model, set)).features;
  checkAborted(signal);
  const task = { kind: 'project' as const, mapKey: `${model.hash}:${plan.dataKey}:${plan.count}`, data: clean.features.slice(), n: plan.count, dim, dims, seed: SEED, reference: reference?.slice(), query: query?.slice() };
  const reply = await session.pool.run(task, { signal });
  const coords = query ? reply.placed! : reply.coords;
  // A map that cannot be stored is still returned (and computed again next time).
  await disk.write(cacheKey, { coords, residual: reply.residual }, plan.count, dims).catch((error: unknown) => cells.cache.onProblem(`Could not store a projection in the cache: ${(error as Error).message}`));
  return { modelId, setId, dims, coords, residual: reply.residual };
}
