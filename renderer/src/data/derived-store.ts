// The filtered list every view shares: the focus model's metrics on the current set, its
// display categories and the samples that pass the filters. Recomputed (in the compute worker)
// whenever the focus model, the set, a filter or the available results change.
import type { ErrorPayload } from '../../../src-shared/base/errors';
import { toErrorPayload } from '../../../src-shared/base/errors';
import type { SampleMetrics } from '../../../src-shared/api/result-types';
import type { AppStore } from '../state/actions';
import { focusModelOf } from '../state/actions';
import type { AppState } from '../state/app-state';
import type { MetricKey } from '../state/metrics';
import { metricValues } from '../state/metrics';
import { createStore } from '../state/store';
import type { ComputeClient } from '../workers/compute-client';
import { latestOnly } from '../workers/compute-client';
import type { AnalysisStore } from './analysis-store';
import type { Queries } from './queries';

export interface DerivedState {
  focusModel: string | null;
  setId: string;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ErrorPayload | null;
  metrics: SampleMetrics | null;
  categories: Uint8Array | null;
  /** Samples per display category (counted in the worker). */
  categoryCounts: number[] | null;
  /** Sorted indices of the samples that pass every filter. */
  indices: Int32Array;
  /** 1 where a sample passes (null until computed: everything passes). */
  mask: Uint8Array | null;
  computeMs: number;
}

export function initialDerived(): DerivedState {
  return { focusModel: null, setId: 'clean', status: 'idle', error: null, metrics: null, categories: null, categoryCounts: null, indices: new Int32Array(0), mask: null, computeMs: 0 };
}

const inputsOf = (s: AppState) => [s.selectedModels, s.setId, s.categoryFilter, s.classFilter, s.metricFilters] as const;

export function createDerivedController(options: { store: AppStore; analysis: AnalysisStore; compute: ComputeClient; getQueries: () => Queries | null }) {
  const { store, analysis, compute } = options;
  const derived = createStore<DerivedState>(initialDerived());
  const runFilter = latestOnly((input: Parameters<ComputeClient['run']>[1]) => compute.run('filter', input as never));
  let lastInputs: readonly unknown[] = [];
  let lastVersion = -1;
  let generation = 0;

  async function recompute() {
    const mine = ++generation;
    const state = store.get();
    const queries = options.getQueries();
    const focusModel = focusModelOf(state);
    if (!queries || !focusModel) {
      derived.set({ ...initialDerived(), focusModel, setId: state.setId });
      return;
    }
    const current = derived.get();
    const sameData = current.focusModel === focusModel && current.setId === state.setId && current.metrics;
    if (!sameData) derived.set({ focusModel, setId: state.setId, status: 'loading', error: null, metrics: null, categories: null, categoryCounts: null, mask: null, indices: new Int32Array(0) });
    try {
      const [metrics, clean] = await Promise.all([
        queries.metrics(focusModel, state.setId),
        state.setId === 'clean' ? Promise.resolve(null) : queries.metrics(focusModel, 'clean').catch(() => null),
      ]);
      if (mine !== generation) return;
      const ranges = Object.entries(state.metricFilters).map(([key, range]) => ({ values: metricValues(metrics, key as MetricKey), lo: range!.lo, hi: range!.hi }));
      const start = performance.now();
      const out = await runFilter({
        count: metrics.count,
        categories: { count: metrics.count, category: metrics.category, correct: metrics.correct, cleanCorrect: clean?.correct ?? null },
        labels: metrics.labels,
        categoryFilter: state.categoryFilter,
        classFilter: state.classFilter,
        ranges,
      });
      if (mine !== generation) return;
      derived.set({ focusModel, setId: state.setId, status: 'ready', error: null, metrics, categories: out.categories, categoryCounts: out.categoryCounts, indices: out.indices, mask: out.mask, computeMs: performance.now() - start });
    } catch (error) {
      if (mine === generation) derived.set({ focusModel, setId: state.setId, status: 'error', error: toErrorPayload(error), metrics: null, categories: null, categoryCounts: null, mask: null, indices: new Int32Array(0) });
    }
  }

  const check = () => {
    const inputs = inputsOf(store.get());
    const version = analysis.get().version;
    const retry = version !== lastVersion && derived.get().status !== 'ready';
    if (!retry && inputs.every((x, i) => Object.is(x, lastInputs[i]))) return;
    lastInputs = inputs;
    lastVersion = version;
    void recompute();
  };
  const unsubs = [store.subscribe(check), analysis.subscribe(check)];
  return {
    derived,
    /** Forces a recompute (a bundle opened). */
    refresh: () => {
      lastInputs = [];
      check();
    },
    dispose: () => unsubs.forEach((u) => u()),
  };
}
