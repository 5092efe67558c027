// The engine: implements PruneLensApi in Node. Transports (IPC in Electron, WebSocket in serve
// mode, direct calls in the CLI and tests) wrap it without knowing what it does.
import { resolve as resolvePath } from 'node:path';
import type { ApiEventListener, PruneLensApi } from '../../src-shared/api/contract';
import { PruneLensError } from '../../src-shared/base/errors';

import { EventHub } from '../../src-shared/api/rpc';
import type { CallContext } from '../../src-shared/api/rpc';
import type { AppInfo } from '../../src-shared/api/types';
import { appVersion } from './app-version';
import { draftBundle, saveBundle } from './bundle/bundle-draft';
import { bundleKey, loadBundle, openBundleStore, readManifest } from './bundle/bundle-loader';
import { defaultCacheDir } from './cache/cache-dir';
import { sweepCache } from './cache/cache-sweep';
import type { FeatureDtype } from './cache/feature-storage';
import { ResultCache } from './cache/result-cache';
import { availableExecutionProviders } from './extraction/execution-providers';
import { JobRunner } from './jobs/job-runner';
import { BundleSession } from './session/bundle-session';
import { CellStore } from './session/cell-data';
import { MAX_OPEN_SESSIONS, sessionsToEvict, touch } from './session/session-eviction';
import { evaluationTable, redundancy, sampleMetrics, similarity } from './session/result-queries';
import { neighbours } from './session/neighbours';
import { sweeps } from './session/sweep-view';
import { occlusion } from './session/occlusion';
import { sampleImages } from './session/sample-images';
import { projection } from './session/projections';
import { stopIdleUnpackWorkers } from './unpack/unpack-pool';
import { WorkerPool } from './workers/worker-pool';
import { exportArrayFile } from './export/report/array-export';
import { hashBundleFiles } from './export/report/provenance';
import { exportReportFile } from './export/report/report-export';
import { exportSamplesFile } from './export/report/samples-export';

export interface EngineOptions {
  transport: AppInfo['transport'];
  /** Bundle to show at start-up (CLI argument or the embedded demo). */
  startupBundle?: string | null;
  cacheDir?: string;
  workers?: number;
  /** How cached features are stored (default: PRUNELENS_FEATURE_DTYPE, else float16; cache/feature-storage.ts). */
  featureDtype?: FeatureDtype;
}

export interface Engine extends PruneLensApi {
  subscribe(listener: ApiEventListener): () => void;
  dispose(): Promise<void>;
}

export function createEngine(options: EngineOptions): Engine {
  const events = new EventHub();
  const emit = events.emit.bind(events);
  const sessions = new Map<string, BundleSession>();
  /** Folders the New bundle… wizard scanned in this engine's lifetime: the only ones saveBundle writes to. */
  const drafted = new Set<string>();
  const cache = new ResultCache(options.cacheDir ?? defaultCacheDir(), (message) => emit({ type: 'log', level: 'warn', message }), options.featureDtype);
  const cells = new CellStore(cache);
  // Leftovers of killed runs (temp files, orphan shard arrays) go at startup, once past their grace period.
  void sweepCache(cache.root).then(
    (removed) => removed.length > 0 && emit({ type: 'log', level: 'info', message: `Removed ${removed.length} leftover file(s) of interrupted runs from the cache.` }),
    () => undefined,
  );
  const jobs = new JobRunner(emit);
  let pool: WorkerPool | null = null;
  // Behind a UI (desktop, serve), extraction runs at a lower priority so the UI stays responsive.
  const workerPool = () => (pool ??= new WorkerPool({ size: options.workers, nice: options.transport === 'in-process' ? 0 : 10 }));

  async function session(path: string): Promise<BundleSession> {
    const key = await bundleKey(path);
    const existing = sessions.get(key);
    if (existing) {
      touch(sessions, key, existing);
      return existing;
    }
    // A session needs only the store and the manifest; the model cards (a full analysis of every
    // graph) are openBundle's job, and extraction prepares the models it runs.
    const store = await openBundleStore(path);
    let manifest;
    try {
      manifest = await readManifest(store);
    } catch (error) {
      await store.close();
      throw error;
    }
    // The worker pool starts when a session first needs it (a reopen from the cache computes nothing).
    const created = new BundleSession(store.root, store, manifest, { get pool() { return workerPool(); }, cache, jobs, emit });
    sessions.set(store.root, created);
    // Least recently used idle sessions beyond MAX_OPEN_SESSIONS are closed (reopened on demand; results stay cached on disk).
    for (const old of sessionsToEvict(sessions, MAX_OPEN_SESSIONS, store.root)) {
      const evicted = sessions.get(old)!;
      sessions.delete(old);
      void evicted.close();
    }
    return created;
  }

  const engine: Engine = {
    subscribe: (listener) => events.subscribe(listener),
    async getAppInfo() {
      return { name: 'PruneLens', version: appVersion, transport: options.transport, executionProviders: availableExecutionProviders() };
    },
    async getStartupBundle() {
      return { path: options.startupBundle ?? null };
    },
    async openBundle({ path }) {
      const loaded = await loadBundle(path, cache.root);
      // Reopening a changed bundle drops its session (models and data are read again); an
      // unchanged one keeps its results.
      const existing = sessions.get(loaded.dir);
      if (existing && JSON.stringify(existing.manifest) !== JSON.stringify(loaded.manifest)) {
        sessions.delete(loaded.dir);
        await existing.close();
        cells.clear();
      }
      await loaded.store.close();
      emit({ type: 'log', level: 'info', message: `Opened bundle ${loaded.summary.name} (${loaded.summary.models.length} models).` });
      return loaded.summary;
    },
    async listExecutionProviders() {
      return { available: availableExecutionProviders(), default: 'cpu' };
    },
    async startAnalysis({ path, ...request }) {
      if (request.ep && !availableExecutionProviders().includes(request.ep)) {
        emit({ type: 'log', level: 'warn', message: `Execution provider '${request.ep}' is not available here (${availableExecutionProviders().join(', ')}); using CPU.` });
        request.ep = 'cpu';
      }
      return { jobId: await (await session(path)).startAnalysis(request) };
    },
    async cancelJob({ jobId }) {
      return { cancelled: jobs.cancel(jobId) };
    },
    async getRunStatus({ path }) {
      return (await session(path)).status();
    },
    async getEvaluation({ path }) {
      const s = await session(path);
      // Cells that another process (a Slurm array, `extract --shard`) put in the cache show up without a run.
      await s.syncCache();
      return evaluationTable(s);
    },
    async getSampleMetrics({ path, modelId, setId, classAngles }) {
      return sampleMetrics(await session(path), cells, modelId, setId, classAngles !== false);
    },
    async getSimilarity({ path }) {
      return similarity(await session(path), cells);
    },
    async getRedundancy({ path }) {
      return redundancy(await session(path), cells);
    },
    async getSweeps({ path, ...request }) {
      return sweeps(await session(path), cells, request);
    },
    // Shared by every caller; cancelled when the last caller with a signal has gone (session/projections.ts).
    async getProjection({ path, modelId, setId, dims }, context?: CallContext) {
      return projection(await session(path), cells, modelId, setId, dims, context?.signal);
    },
    async draftBundle({ path, dense }) {
      const draft = await draftBundle(path, dense);
      drafted.add(resolvePath(path));
      return draft;
    },
    async saveBundle({ path, manifest, overwrite }) {
      // The wizard saves only into a folder it scanned in this session (an existing bundle.json is
      // replaced only with `overwrite`, which the UI sends after the user confirms).
      if (!drafted.has(resolvePath(path))) throw new PruneLensError('bad-request', `Scan ${path} in New bundle… before saving a bundle.json there.`, { file: path });
      const dir = await saveBundle(path, manifest, overwrite);
      return this.openBundle({ path: dir });
    },
    async getOcclusion({ path, modelId, setId, index, patch, stride }, context?: CallContext) {
      return occlusion(await session(path), modelId, setId, index, patch, stride, context?.signal);
    },
    async getNeighbours({ path, modelId, setId, index, k }) {
      return neighbours(await session(path), cells, modelId, setId, index, k);
    },
    async getSampleImages({ path, index, corruption, severities }) {
      return sampleImages(await session(path), index, corruption, severities);
    },
    // A transport's signal (serve: the client disconnected) stops an export between steps and kills its Chromium.
    async exportReport({ path, format }, context?: CallContext) {
      const s = await session(path);
      return exportReportFile(engine, path, format, { hashFiles: () => hashBundleFiles(s.store, s.manifest), ...(context?.signal ? { signal: context.signal } : {}) });
    },
    async exportSamples({ path, ...request }, context?: CallContext) {
      return exportSamplesFile(engine, path, { ...request, ...(context?.signal ? { signal: context.signal } : {}) });
    },
    async exportArray({ path, ...request }) {
      return exportArrayFile(await session(path), cells, request);
    },
    async restartEngine() {
      // In-process engine: restart the worker pool (a stuck or crashed worker); cached results stay.
      await jobs.cancelAll();
      await pool?.close();
      pool = null;
      await Promise.all([...sessions.values()].map((s) => s.close()));
      sessions.clear();
      cells.clear();
      await stopIdleUnpackWorkers();
      emit({ type: 'engine-restarted' });
      return { restarted: true };
    },
    async dispose() {
      await jobs.cancelAll();
      await pool?.close();
      await Promise.all([...sessions.values()].map((s) => s.close()));
      sessions.clear();
      await stopIdleUnpackWorkers();
    },
  };
  return engine;
}

