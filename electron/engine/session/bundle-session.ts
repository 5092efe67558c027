// One open bundle in the engine: its store, manifest, prepared models, clean data, and the
// extraction/analysis state the UI asks about. Heavy work happens in the worker pool.
import type { ApiEvent, BundleRequest } from '../../../src-shared/api/contract';
import { PruneLensError } from '../../../src-shared/base/errors';
import type { RunStatus, SetRef } from '../../../src-shared/api/result-types';
import type { BundleManifest, ManifestModel } from '../../../src-shared/bundle/manifest';
import type { BundleStore } from '../bundle/bundle-archive-store';
import type { ResultCache } from '../cache/result-cache';
import { ShardClaims } from '../cache/shard-claims';
import { openCleanSource } from '../data-sources/data-source';
import type { ImageSource } from '../data-sources/data-source';
import { findCorruptedSetReader } from '../data-sources/data-source-registry';
import type { CorruptedSetReader } from '../data-sources/corrupted-set-reader';
import { bundleFrostPhotos } from '../data-sources/frost-photos';
import { cellCacheKey, runExtraction } from '../extraction/extract-run';
import type { ExtractionPlan } from '../extraction/extract-run';
import { prepareModel } from '../extraction/prepared-model';
import { cachedPreparedModel } from '../bundle/model-analysis-cache';
import type { PreparedModel } from '../extraction/prepared-model';
import { planSets } from '../extraction/sets';
import type { JobRunner } from '../jobs/job-runner';
import type { WorkerPool } from '../workers/worker-pool';
import { hashStoreFiles } from './data-key';
import { CacheWatch, IDLE_PASSES_BEFORE_BACKOFF, MIN_CACHE_POLL_MS } from './cache-watch';
import type { CacheCount } from './cache-watch';

export interface SessionDeps {
  pool: WorkerPool;
  cache: ResultCache;
  jobs: JobRunner;
  emit(event: ApiEvent): void;
}

export class BundleSession {
  /** Prepared models by id (each prepared once, only when a plan needs it). */
  private readonly prepared = new Map<string, Promise<PreparedModel>>();
  private source: Promise<ImageSource> | null = null;
  private dataKeyPromise: Promise<string> | null = null;
  private readonly corruptedFileKeys = new Map<string, Promise<string>>();
  /** Accuracy of every finished model × set cell. */
  readonly cells = new Map<string, { accuracy: number; executionProvider: string; nonFinite?: { logits: number; features: number } }>();
  sets: SetRef[] = [];
  count = 0;
  executionProvider = 'cpu';
  jobId: string | null = null;
  /** True while this session's extraction job runs (such a session is never evicted). */
  busy = false;
  private lastPlan: ExtractionPlan | null = null;
  /** Fills `cells` from what other processes write to the cache while no local run is active. */
  private watch: CacheWatch | null = null;
  private watchPrimed: Promise<void> | null = null;
  private cacheCount: CacheCount | null = null;
  private closed = false;
  private done = 0;
  private total = 0;
  readonly warnings: string[] = [];

  constructor(
    readonly dir: string,
    readonly store: BundleStore,
    readonly manifest: BundleManifest,
    private readonly deps: SessionDeps,
  ) {}

  get pool(): WorkerPool {
    return this.deps.pool;
  }

  preparedModels(list: readonly ManifestModel[] = this.manifest.models): Promise<PreparedModel[]> {
    return Promise.all(
      list.map((m) => {
        let model = this.prepared.get(m.id);
        if (!model) {
          // Remembered by file content in the cache: an unchanged model is not analysed again (model-analysis-cache.ts).
          model = cachedPreparedModel(this.deps.cache.root, this.store, m, () => prepareModel(this.store, m));
          model.catch(() => this.prepared.delete(m.id));
          this.prepared.set(m.id, model);
        }
        return model;
      }),
    );
  }

  /** The bundle's models in the current plan (`--models` and the dense one), in bundle order; all before any plan. */
  plannedModels(): ManifestModel[] {
    const ids = this.lastPlan ? new Set(this.lastPlan.models.map((m) => m.id)) : null;
    return ids ? this.manifest.models.filter((m) => ids.has(m.id)) : this.manifest.models;
  }

  cleanSource(): Promise<ImageSource> {
    this.source ??= openCleanSource(this.store, this.manifest.data.clean, this.manifest.classes);
    this.source.catch(() => (this.source = null));
    return this.source;
  }

  private dataKey(count: number): Promise<string> {
    this.dataKeyPromise ??= hashStoreFiles(this.store, [this.manifest.data.clean.images, this.manifest.data.clean.labels ?? ''], this.deps.cache.root);
    return this.dataKeyPromise.then((hash) => `${hash}:${count}`);
  }

  /** Content hashes of the precomputed corruption files the sets use (each file hashed once per session). */
  private async corruptedKeys(reader: CorruptedSetReader, location: string, sets: SetRef[]): Promise<Record<string, string>> {
    const corruptions = [...new Set(sets.filter((s) => s.corruption !== 'clean').map((s) => s.corruption))];
    const keys = await Promise.all(
      corruptions.map((c) => {
        let key = this.corruptedFileKeys.get(c);
        if (!key) {
          key = hashStoreFiles(this.store, reader.files(location, c), this.deps.cache.root);
          key.catch(() => this.corruptedFileKeys.delete(c));
          this.corruptedFileKeys.set(c, key);
        }
        return key;
      }),
    );
    return Object.fromEntries(corruptions.map((c, i) => [c, keys[i]]));
  }

  async plan(request: BundleRequest<'startAnalysis'>): Promise<ExtractionPlan> {
    const all = this.manifest.models;
    const unknown = (request.models ?? []).filter((id) => !all.some((m) => m.id === id));
    if (unknown.length) throw new PruneLensError('bad-request', `Unknown model id(s): ${unknown.join(', ')} (bundle has ${all.map((m) => m.id).join(', ')}).`);
    // Only the models asked for (and the dense baseline) are read and prepared: a broken model left out is no obstacle.
    const wanted = request.models ? all.filter((m) => request.models!.includes(m.id) || m.role === 'dense') : all;
    const [models, source] = await Promise.all([this.preparedModels(wanted), this.cleanSource()]);
    // Refused before any work: every view would fail later (NaN rates, rows of the wrong width).
    if (source.count === 0) throw new PruneLensError('bad-data', `${this.manifest.data.clean.images} holds no images: there is nothing to analyse.`, { file: this.manifest.data.clean.images });
    const classCount = this.manifest.classes.length;
    const misfit = models.filter((m) => m.head.classes !== classCount);
    if (misfit.length) {
      throw new PruneLensError('bad-manifest', `${misfit.map((m) => `model '${m.id}' has ${m.head.classes} outputs`).join(', ')}, but bundle.json lists ${classCount} classes.`, { jsonPath: 'classes' });
    }
    const count = Math.min(request.limit ?? this.manifest.limit ?? source.count, source.count);
    const corrupted = this.manifest.data.corrupted;
    const precomputed = findCorruptedSetReader(corrupted);
    // A precomputed folder (e.g. CIFAR-10-C) may hold only some corruptions: plan the ones whose files are there.
    const sets = planSets(this.manifest, request, precomputed ? await precomputed.reader.list(this.store, precomputed.location) : undefined);
    return {
      models,
      sets,
      source,
      count,
      preprocessing: this.manifest.input,
      dataKey: await this.dataKey(count),
      corruptionSeed: corrupted && 'generate' in corrupted ? corrupted.generate.seed : 0,
      frostPhotos: corrupted && 'generate' in corrupted && corrupted.generate.frost && sets.some((s) => s.corruption === 'frost')
        ? await bundleFrostPhotos(this.store, corrupted.generate.frost.images, source.width, source.height)
        : undefined,
      executionProvider: request.ep ?? 'cpu',
      corruptedSource: precomputed ? (set) => precomputed.reader.open(this.store, precomputed.location, set.corruption, set.severity, this.manifest.data.clean.layout) : undefined,
      corruptedKeys: precomputed ? await this.corruptedKeys(precomputed.reader, precomputed.location, sets) : undefined,
    };
  }

  /** Starts (or restarts) extraction of the requested grid; cells stream out as events. */
  async startAnalysis(request: BundleRequest<'startAnalysis'>): Promise<string> {
    if (this.jobId) this.deps.jobs.cancel(this.jobId);
    this.stopWatch();
    const plan = await this.plan(request);
    this.stopWatch(); // again: one may have started while planning
    this.lastPlan = plan;
    this.sets = plan.sets;
    this.count = plan.count;
    this.executionProvider = plan.executionProvider;
    this.cells.clear();
    const { id, done } = this.deps.jobs.start(`Extract ${plan.models.length} models × ${plan.sets.length} sets × ${plan.count} samples`, async ({ signal, progress }) => {
      const deps = this.deps;
      await runExtraction(plan, {
        // Read when a batch is to be computed: a grid found whole in the cache starts no workers.
        get pool() {
          return deps.pool;
        },
        cache: this.deps.cache,
        signal,
        // The same shard claims as `extract --shard`: a Slurm array on this cache never computes a shard this run does.
        claims: new ShardClaims(),
        onProgress: (done, total) => {
          this.done = done;
          this.total = total;
          progress(done, total);
        },
        onCell: (cell) => {
          this.cells.set(`${cell.modelId}\u0000${cell.setId}`, cell);
          if (cell.executionProvider !== plan.executionProvider) this.executionProvider = cell.executionProvider;
          this.deps.emit({ type: 'cell-ready', bundleDir: this.dir, ...cell });
        },
        onWarning: (message) => this.warn(message),
      });
      if (!signal.aborted) this.deps.emit({ type: 'analysis-ready', bundleDir: this.dir });
    });
    this.jobId = id;
    this.busy = true;
    // `done` rejects when the job fails (reported through job-finished): never leave that unhandled.
    void done.then(() => false, () => true).then((failed) => {
      if (this.jobId !== id) return;
      this.busy = false;
      // A cancelled run's grid may still be filled by another process; a failed one's may never be complete (the watch backs off at once).
      void this.syncCache({ afterFailedRun: failed });
    });
    return id;
  }

  private warn(message: string): void {
    if (this.warnings.includes(message)) return;
    this.warnings.push(message);
    this.deps.emit({ type: 'log', level: 'warn', message });
  }

  status(): RunStatus {
    return { bundleDir: this.dir, jobId: this.jobId, done: this.done, total: this.total, executionProvider: this.executionProvider, warnings: [...this.warnings], ...(this.cacheCount ? { cache: { ...this.cacheCount } } : {}) };
  }

  /**
   * Loads the cells the cache holds for the current grid (the first call waits for that pass)
   * and, while cells are missing and no local run is active, keeps polling it (cache-watch.ts).
   */
  syncCache(options: { afterFailedRun?: boolean } = {}): Promise<void> {
    if (this.busy || this.closed) return Promise.resolve();
    if (!this.watch) {
      const deps = this.deps;
      this.watch = new CacheWatch({
        cache: this.deps.cache,
        // Read only when a cell must be loaded from its shards: the pool is not started for metrics files.
        get pool() {
          return deps.pool;
        },
        plan: () => this.currentPlan(),
        has: (modelId, setId) => this.cells.has(`${modelId}\u0000${setId}`),
        onCell: (cell, plan) => {
          if (this.sets.length === 0) {
            this.sets = plan.sets;
            this.count = plan.count;
          }
          this.cells.set(`${cell.modelId}\u0000${cell.setId}`, cell);
          this.deps.emit({ type: 'cell-ready', bundleDir: this.dir, ...cell });
        },
        onCount: (count) => {
          this.cacheCount = count;
          this.deps.emit({ type: 'cache-progress', bundleDir: this.dir, ...count });
        },
        onComplete: () => this.deps.emit({ type: 'analysis-ready', bundleDir: this.dir }),
        onWarning: (message) => this.warn(message),
      }, MIN_CACHE_POLL_MS, options.afterFailedRun ? 0 : IDLE_PASSES_BEFORE_BACKOFF);
      const watch = this.watch;
      // A bundle that cannot be planned (a broken model) simply shows no cached cells; Run reports why.
      this.watchPrimed = watch.sync().then(() => watch.start(), () => watch.stop());
    }
    return this.watchPrimed!;
  }

  /** Closes the session: no more cache polling, the clean images' file and the store's files closed. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopWatch();
    // The clean source holds a file handle (.npy rows are read on demand): left open, Node closes it on GC with a warning.
    const source = this.source;
    this.source = null;
    await source?.then((s) => s.close(), () => undefined);
    await this.store.close();
  }

  /** Stops watching the cache (a local run starts, or the session closes). */
  stopWatch(): void {
    this.watch?.stop();
    this.watch = null;
    this.watchPrimed = null;
    this.cacheCount = null;
  }

  /** The plan of the last run, or a default one (all models and sets) for reading results. */
  async currentPlan(): Promise<ExtractionPlan> {
    return this.lastPlan ?? (this.lastPlan = await this.plan({}));
  }

  cacheKey(model: PreparedModel, set: SetRef, plan: ExtractionPlan): string {
    return cellCacheKey(model, set, plan);
  }
}
