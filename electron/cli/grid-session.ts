// Headless access to a bundle's extraction grid for `extract --plan/--shard` and `slurm`: the
// plan the engine would run (same models, sets, cache keys), its units, and the cache. Worker
// threads start only when something is computed.
import path from 'node:path';
import { EventHub } from '../../src-shared/api/rpc';
import type { ApiEvent, BundleRequest } from '../../src-shared/api/contract';
import { openBundleStore, readManifest } from '../engine/bundle/bundle-loader';
import { defaultCacheDir } from '../engine/cache/cache-dir';
import { ResultCache } from '../engine/cache/result-cache';
import type { ExtractionPlan } from '../engine/extraction/extract-run';
import { gridUnits } from '../engine/extraction/grid-units';
import type { GridUnit } from '../engine/extraction/grid-units';
import { JobRunner } from '../engine/jobs/job-runner';
import { BundleSession } from '../engine/session/bundle-session';
import { WorkerPool } from '../engine/workers/worker-pool';

export interface GridSession {
  bundleDir: string;
  bundleName: string;
  cache: ResultCache;
  plan: ExtractionPlan;
  /** Every unit of the plan in the stable slicing order. */
  units: GridUnit[];
  /** The worker pool (started on first use). */
  pool(): WorkerPool;
  close(): Promise<void>;
}

export interface GridSessionOptions {
  cacheDir?: string;
  workers?: number;
  onEvent?(event: ApiEvent): void;
}

export async function openGridSession(bundle: string, request: BundleRequest<'startAnalysis'>, options: GridSessionOptions = {}): Promise<GridSession> {
  const events = new EventHub();
  if (options.onEvent) events.subscribe(options.onEvent);
  const emit = events.emit.bind(events);
  const cache = new ResultCache(options.cacheDir ? path.resolve(options.cacheDir) : defaultCacheDir(), (message) => emit({ type: 'log', level: 'warn', message }));
  let pool: WorkerPool | null = null;
  // One intra-op thread per worker: under a scheduler the process sees the whole node's cores.
  const lazyPool = () => (pool ??= new WorkerPool({ size: options.workers, intraOpThreads: options.workers ? 1 : undefined }));
  const store = await openBundleStore(bundle);
  try {
    const manifest = await readManifest(store);
    const deps = { get pool() { return lazyPool(); }, cache, jobs: new JobRunner(emit), emit };
    const session = new BundleSession(store.root, store, manifest, deps);
    const plan = await session.plan(request);
    return {
      bundleDir: store.root, bundleName: manifest.name, cache, plan, units: gridUnits(plan), pool: lazyPool,
      async close() {
        await pool?.close();
        await plan.source.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
