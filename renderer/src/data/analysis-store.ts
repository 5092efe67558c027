// Run state of the open bundle: the live evaluation table, the job in progress and its
// progress, the execution provider. Fed by engine events; views read it through the store.
import type { ApiEvent } from '../../../src-shared/api/contract';
import type { ErrorPayload } from '../../../src-shared/base/errors';
import { toErrorPayload } from '../../../src-shared/base/errors';
import type { EvaluationTable } from '../../../src-shared/api/result-types';
import type { PruneLensClient } from '../../../src-shared/api/rpc';
import type { RunOptions } from '../state/app-state';
import { createStore } from '../state/store';
import type { Store } from '../state/store';
import type { Resource } from './resource';
import { throttle } from './throttle';

export interface JobState {
  jobId: string;
  label: string;
  done: number;
  total: number;
  etaSeconds: number | null;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  message?: string;
}

export interface AnalysisState {
  bundleDir: string | null;
  evaluation: Resource<EvaluationTable>;
  job: JobState | null;
  executionProvider: string | null;
  eps: { available: string[]; default: string } | null;
  warnings: string[];
  /** Bumps (throttled) as cells complete: views retry loads that failed because a cell was missing. */
  version: number;
  /** Bumps on `analysis-ready`: similarity and redundancy are complete. */
  readyVersion: number;
  /**
   * Bumps when a new run starts (here or in another window) and when the bundle is (re)opened:
   * every cached result of an earlier run (sample count, sets) is stale from then on.
   */
  runGeneration: number;
  startError: ErrorPayload | null;
  /** Cells of the grid in the cache while no local run is active (another process may be filling it). */
  cache: { cells: number; total: number; byOthers: number } | null;
}

export type AnalysisStore = Store<AnalysisState>;

export function initialAnalysis(): AnalysisState {
  return { bundleDir: null, evaluation: { status: 'idle' }, job: null, executionProvider: null, eps: null, warnings: [], version: 0, readyVersion: 0, runGeneration: 0, startError: null, cache: null };
}

export interface AnalysisController {
  store: AnalysisStore;
  open(dir: string): void;
  start(options: RunOptions & { priority?: string[] }): Promise<void>;
  cancel(): Promise<void>;
  refreshEvaluation(): void;
  dispose(): void;
}

export function createAnalysisController(api: PruneLensClient, refreshMs = 400): AnalysisController {
  const store = createStore<AnalysisState>(initialAnalysis());
  let generation = 0;

  const fetchEvaluation = () => {
    const dir = store.get().bundleDir;
    if (!dir) return;
    const mine = generation;
    api.getEvaluation({ path: dir }).then(
      (table) => mine === generation && store.set({ evaluation: { status: 'ready', data: table }, executionProvider: table.executionProvider || store.get().executionProvider }),
      (error) => mine === generation && store.get().evaluation.status !== 'ready' && store.set({ evaluation: { status: 'error', error: toErrorPayload(error) } }),
    );
  };
  const refresh = throttle(() => {
    store.set((s) => ({ version: s.version + 1 }));
    fetchEvaluation();
  }, refreshMs);

  /** The job whose results the views show: a different one makes every cached result stale. */
  let currentJob: string | null = null;
  const adoptJob = (jobId: string) => {
    if (jobId === currentJob) return;
    currentJob = jobId;
    // readyVersion too: views keyed by it (similarity, redundancy) drop the last run's results. The
    // engine stops watching the cache while a local run goes (its plan may differ), so drop its count.
    store.set((x) => ({ runGeneration: x.runGeneration + 1, readyVersion: x.readyVersion + 1, cache: null }));
  };

  const recentlyFinished = new Map<string, Extract<ApiEvent, { type: 'job-finished' }>>();
  const onEvent = (event: ApiEvent) => {
    const s = store.get();
    if (event.type === 'cell-ready') {
      if (event.bundleDir !== s.bundleDir) return;
      store.set({ executionProvider: event.executionProvider });
      refresh.call();
    } else if (event.type === 'analysis-ready') {
      if (event.bundleDir !== s.bundleDir) return;
      store.set((x) => ({ readyVersion: x.readyVersion + 1, version: x.version + 1 }));
      fetchEvaluation();
    } else if (event.type === 'cache-progress') {
      if (event.bundleDir !== s.bundleDir) return;
      store.set({ cache: { cells: event.cells, total: event.total, byOthers: event.byOthers } });
    } else if (event.type === 'job-progress') {
      // Adopt a job we have not heard of (its reply may still be on the way, or another window started it).
      if (s.job && s.job.jobId !== event.jobId && s.job.status === 'running') return;
      adoptJob(event.jobId);
      store.set({ job: { jobId: event.jobId, label: event.label, done: event.done, total: event.total, etaSeconds: event.etaSeconds, status: 'running' } });
    } else if (event.type === 'job-finished') {
      // A job can end (e.g. fail at once) before startAnalysis's reply names it: remember it.
      recentlyFinished.set(event.jobId, event);
      if (recentlyFinished.size > 20) recentlyFinished.delete(recentlyFinished.keys().next().value!);
      if (s.job?.jobId !== event.jobId) return;
      store.set({ job: { ...s.job, status: event.status, message: event.message, etaSeconds: null } });
      refresh.call();
    }
  };
  const unsubscribe = api.subscribe(onEvent);

  return {
    store,
    open(dir) {
      generation++;
      refresh.cancel();
      currentJob = null;
      // The counters stay monotonic across re-opens, so no key of the last opening is reused.
      store.set((x) => ({ ...initialAnalysis(), bundleDir: dir, evaluation: { status: 'loading' }, runGeneration: x.runGeneration + 1, readyVersion: x.readyVersion + 1, version: x.version + 1 }));
      const mine = generation;
      fetchEvaluation();
      api.getRunStatus({ path: dir }).then(
        (status) => {
          if (mine !== generation) return;
          store.set({
            executionProvider: status.executionProvider || null,
            warnings: status.warnings,
            ...(status.cache && !store.get().cache ? { cache: status.cache } : {}),
            // The last job of this bundle: still running only while cells are missing.
            job: status.jobId ? { jobId: status.jobId, label: 'analysis', done: status.done, total: status.total, etaSeconds: null, status: status.done < status.total ? 'running' : 'done' } : null,
          });
        },
        () => undefined,
      );
      api.listExecutionProviders({}).then(
        (eps) => mine === generation && store.set({ eps }),
        () => undefined,
      );
    },
    async start(options) {
      const dir = store.get().bundleDir;
      if (!dir) return;
      store.set({ startError: null });
      try {
        const { jobId } = await api.startAnalysis({
          path: dir,
          ...(options.limit ? { limit: options.limit } : {}),
          ...(options.corruptions.length ? { corruptions: options.corruptions } : {}),
          ...(options.severities.length ? { severities: options.severities } : {}),
          ...(options.ep ? { ep: options.ep } : {}),
          ...(options.priority?.length ? { priority: options.priority } : {}),
        });
        adoptJob(jobId);
        const job = store.get().job;
        // Progress events may have raced ahead of the reply.
        const ended = recentlyFinished.get(jobId);
        if (ended) store.set({ job: { jobId, label: ended.label, done: job?.jobId === jobId ? job.done : 0, total: job?.jobId === jobId ? job.total : 0, etaSeconds: null, status: ended.status, message: ended.message } });
        else if (job?.jobId !== jobId) store.set({ job: { jobId, label: 'starting', done: 0, total: 0, etaSeconds: null, status: 'running' } });
      } catch (error) {
        store.set({ startError: toErrorPayload(error) });
      }
    },
    async cancel() {
      const job = store.get().job;
      if (job && job.status === 'running') await api.cancelJob({ jobId: job.jobId }).catch(() => undefined);
    },
    refreshEvaluation: fetchEvaluation,
    dispose() {
      unsubscribe();
      refresh.cancel();
    },
  };
}
