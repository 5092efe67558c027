// A re-run with another sample count, and a re-open, refresh the filtered list (the counter's
// "N of M", the category chip counts) and the cached metrics every view reads: no stale numbers.
import { describe, expect, it } from 'vitest';
import { bundleOpened } from '../state/actions';
import type { AppState } from '../state/app-state';
import { defaultState } from '../state/state-fields';
import { createStore } from '../state/store';
import { createFakeClient } from '../test-support/fake-client';
import { syntheticMetrics, syntheticModels } from '../test-support/synthetic-data';
import { createComputeClient } from '../workers/compute-client';
import { createAnalysisController } from './analysis-store';
import { createDerivedController } from './derived-store';
import { createQueries } from './queries';
import { ResourceCache } from './resource-cache';
import { invalidateOnNewRun } from './run-generation';

async function settle(ms = 5) {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, ms));
}

function setup() {
  const api = createFakeClient({ n: 300 });
  let n = 300; // the engine's current sample count
  api.getSampleMetrics = async ({ modelId, setId }) => syntheticMetrics(syntheticModels.find((m) => m.id === modelId)!, { id: setId, corruption: setId, severity: 0, group: 'clean' }, n);
  let jobs = 0;
  api.startAnalysis = async () => ({ jobId: `job-${++jobs}` });
  const store = createStore<AppState>(defaultState());
  const analysis = createAnalysisController(api, 10);
  const cache = new ResourceCache();
  const queries = createQueries(api, cache, '/synthetic', () => analysis.store.get().runGeneration);
  const derivedCtl = createDerivedController({ store, analysis: analysis.store, compute: createComputeClient(), getQueries: () => queries });
  invalidateOnNewRun(analysis.store, cache, derivedCtl.refresh);
  analysis.open('/synthetic');
  bundleOpened(store, '/synthetic', syntheticModels.map(({ id, role }) => ({ id, role })));
  return { api, store, analysis, derived: derivedCtl.derived, cache, queries, setCount: (k: number) => (n = k) };
}

describe('results refresh on every run and re-open', () => {
  it('a local run drops the cache watch\'s "n of N in cache" (its grid may differ from the run\'s)', async () => {
    const { api, analysis } = setup();
    await settle();
    api.emit({ type: 'cache-progress', bundleDir: '/synthetic', cells: 0, total: 1536, byOthers: 0 });
    expect(analysis.store.get().cache).toEqual({ cells: 0, total: 1536, byOthers: 0 });
    await analysis.start({ limit: 120, corruptions: [], severities: [], ep: null });
    await settle();
    expect(analysis.store.get().cache).toBeNull();
  });

  it('a re-run with another sample count updates the counter, chips and cached metrics', async () => {
    const { analysis, derived, cache, queries, setCount } = setup();
    await settle();
    expect(derived.get().metrics!.count).toBe(300);
    expect(derived.get().indices.length).toBe(300);
    expect(derived.get().categoryCounts!.reduce((a, b) => a + b, 0)).toBe(300);
    const before = analysis.store.get().runGeneration;
    const readyBefore = analysis.store.get().readyVersion;
    const oldKey = queries.metricsKey('mag-50', 'clean');
    expect(cache.peek(oldKey)).toBeDefined();

    setCount(120);
    await analysis.start({ limit: 120, corruptions: [], severities: [], ep: null });
    await settle();
    expect(analysis.store.get().runGeneration).toBe(before + 1);
    expect(analysis.store.get().readyVersion).toBe(readyBefore + 1); // similarity / redundancy re-key too
    expect(queries.metricsKey('mag-50', 'clean')).not.toBe(oldKey);
    expect(cache.peek(oldKey)).toBeUndefined();
    expect(derived.get().metrics!.count).toBe(120);
    expect(derived.get().indices.length).toBe(120);
    expect(derived.get().categoryCounts!.reduce((a, b) => a + b, 0)).toBe(120);
  });

  it('a re-open of the same bundle (bundle.json edited) refreshes too', async () => {
    const { analysis, derived, setCount } = setup();
    await settle();
    setCount(50);
    const { runGeneration, readyVersion } = analysis.store.get();
    analysis.open('/synthetic');
    await settle();
    expect(analysis.store.get().runGeneration).toBeGreaterThan(runGeneration);
    expect(analysis.store.get().readyVersion).toBeGreaterThan(readyVersion); // no key of the last opening comes back
    expect(derived.get().metrics!.count).toBe(50);
    expect(derived.get().categoryCounts!.reduce((a, b) => a + b, 0)).toBe(50);
  });
});
