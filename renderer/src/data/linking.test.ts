// Linking: what one view writes to the shared store is what the others compute from.
import { describe, expect, it } from 'vitest';
import { bundleOpened, selectCell, setMetricFilter, stepFocus, toggleCategory } from '../state/actions';
import type { AppState } from '../state/app-state';
import { defaultState } from '../state/state-fields';
import { CAT_PRUNING_FRAGILE } from '../state/categories';
import { createStore } from '../state/store';
import { createFakeClient } from '../test-support/fake-client';
import { syntheticModels } from '../test-support/synthetic-data';
import { createComputeClient } from '../workers/compute-client';
import { createAnalysisController } from './analysis-store';
import { createDerivedController } from './derived-store';
import { createQueries } from './queries';
import { ResourceCache } from './resource-cache';

async function settle(ms = 5) {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, ms));
}

function setup() {
  const api = createFakeClient({ n: 300 });
  const store = createStore<AppState>(defaultState());
  const analysis = createAnalysisController(api, 10);
  const cache = new ResourceCache();
  const queries = createQueries(api, cache, '/synthetic');
  const derivedCtl = createDerivedController({ store, analysis: analysis.store, compute: createComputeClient(), getQueries: () => queries });
  analysis.open('/synthetic');
  bundleOpened(store, '/synthetic', syntheticModels.map(({ id, role }) => ({ id, role })));
  return { api, store, analysis, derived: derivedCtl.derived, cache };
}

describe('linked selection and filtering', () => {
  it('a cell click in the table drives the filtered list every other view uses', async () => {
    const { store, derived } = setup();
    await settle();
    expect(derived.get().focusModel).toBe('mag-50');
    expect(derived.get().status).toBe('ready');
    expect(derived.get().indices.length).toBe(300);

    selectCell(store, 'mag-90', 'fog-s3', 'dense');
    toggleCategory(store, CAT_PRUNING_FRAGILE);
    await settle();
    const d = derived.get();
    expect(d.focusModel).toBe('mag-90');
    expect(d.setId).toBe('fog-s3');
    expect(d.indices.length).toBeGreaterThan(0);
    for (const i of d.indices) {
      expect(d.categories![i]).toBe(CAT_PRUNING_FRAGILE);
      expect(d.metrics!.category[i]).toBe(1);
    }
    const fragileCount = d.metrics!.category.reduce((n, c) => n + (c === 1 ? 1 : 0), 0);
    expect(d.indices.length).toBe(fragileCount);
    // The filter bar's counts come with the filter (worker-side) and cover every sample, filtered or not.
    expect(d.categoryCounts![CAT_PRUNING_FRAGILE]).toBe(fragileCount);
    expect(d.categoryCounts!.reduce((a, b) => a + b, 0)).toBe(d.metrics!.count);

    // A brush in the parallel coordinates narrows the same list.
    setMetricFilter(store, 'length', { lo: 0, hi: 3 });
    await settle();
    const narrowed = derived.get().indices;
    expect(narrowed.length).toBeLessThan(d.indices.length);
    for (const i of narrowed) expect(d.metrics!.length[i]).toBeLessThanOrEqual(3);

    // The drill-down's next / previous walk that list.
    stepFocus(store, narrowed, 1);
    expect(store.get().focusSample).toBe(narrowed[0]);
    stepFocus(store, narrowed, 1);
    expect(store.get().focusSample).toBe(narrowed[1]);
  });

  it('a missing cell shows as an error, then fills in when the engine reports it', async () => {
    const { api, store, derived, analysis } = setup();
    api.missing.add('mag-90|fog-s2');
    selectCell(store, 'mag-90', 'fog-s2', 'dense');
    await settle();
    expect(derived.get().status).toBe('error');
    expect(derived.get().error?.code).toBe('not-found');
    api.missing.clear();
    api.emit({ type: 'cell-ready', bundleDir: '/synthetic', modelId: 'mag-90', setId: 'fog-s2', accuracy: 0.5, executionProvider: 'cpu' });
    await settle(10);
    expect(analysis.store.get().version).toBeGreaterThan(0);
    expect(derived.get().status).toBe('ready');
  });

  it('cell-ready bursts refetch the evaluation table at most once per interval', async () => {
    const { api, analysis } = setup();
    await settle();
    const before = api.calls.filter((c) => c.method === 'getEvaluation').length;
    for (let i = 0; i < 30; i++) api.emit({ type: 'cell-ready', bundleDir: '/synthetic', modelId: 'dense', setId: 'clean', accuracy: 0.9, executionProvider: 'cpu' });
    api.emit({ type: 'cell-ready', bundleDir: '/elsewhere', modelId: 'dense', setId: 'clean', accuracy: 0.9, executionProvider: 'cpu' });
    await settle(10);
    const after = api.calls.filter((c) => c.method === 'getEvaluation').length;
    expect(after - before).toBeGreaterThanOrEqual(1);
    expect(after - before).toBeLessThanOrEqual(2);
    expect(analysis.store.get().evaluation.status).toBe('ready');
  });

  it('a reopened bundle shows its last job as running only while cells are missing', async () => {
    const api = createFakeClient();
    const analysis = createAnalysisController(api, 10);
    api.getRunStatus = async ({ path }) => ({ bundleDir: path, jobId: 'old', done: 40, total: 40, executionProvider: 'cpu', warnings: [] });
    analysis.open('/synthetic');
    await settle();
    expect(analysis.store.get().job).toMatchObject({ jobId: 'old', status: 'done' });
    api.getRunStatus = async ({ path }) => ({ bundleDir: path, jobId: 'new', done: 3, total: 40, executionProvider: 'cpu', warnings: [] });
    analysis.open('/synthetic');
    await settle();
    expect(analysis.store.get().job).toMatchObject({ jobId: 'new', status: 'running', done: 3 });
  });

  it('tracks a job from start through progress to cancel', async () => {
    const { api, analysis } = setup();
    await analysis.start({ limit: 100, corruptions: ['fog'], severities: [3], ep: null });
    expect(api.calls.find((c) => c.method === 'startAnalysis')!.input).toEqual({ path: '/synthetic', limit: 100, corruptions: ['fog'], severities: [3] });
    api.emit({ type: 'job-progress', jobId: 'job-1', label: 'dense × fog-s3', done: 3, total: 8, ratePerSecond: 2, etaSeconds: 2.5 });
    expect(analysis.store.get().job).toMatchObject({ done: 3, total: 8, status: 'running' });
    await analysis.cancel();
    expect(api.calls.some((c) => c.method === 'cancelJob')).toBe(true);
    api.emit({ type: 'job-finished', jobId: 'job-1', label: 'analysis', status: 'cancelled' });
    expect(analysis.store.get().job?.status).toBe('cancelled');
  });

  it('shows a job that failed before startAnalysis replied (the finish event came first)', async () => {
    const { api, analysis } = setup();
    api.startAnalysis = async () => {
      api.emit({ type: 'job-finished', jobId: 'job-9', label: 'analysis', status: 'failed', message: 'no head' });
      return { jobId: 'job-9' };
    };
    await analysis.start({ limit: 100, corruptions: [], severities: [], ep: null });
    expect(analysis.store.get().job).toMatchObject({ jobId: 'job-9', status: 'failed', message: 'no head' });
  });
});
