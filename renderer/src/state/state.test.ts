import { describe, expect, it, vi } from 'vitest';
import { syntheticMetrics, syntheticModels, syntheticSets } from '../test-support/synthetic-data';
import {
  bundleOpened, cameraFor, clearFilters, comparePair, dockView, focusModelOf, focusSample, hoverSample, selectCell, selectSamples, setActiveView, setCamera, setMetricFilter, stepFocus, stepInList, toggleCategory, toggleModel,
} from './actions';
import type { AppState } from './app-state';
import { defaultState } from './state-fields';
import { CAT_BOTH_WRONG, CAT_CORRUPTION_FRAGILE, CAT_PRUNING_FRAGILE, CAT_PRUNING_IMPROVED, CAT_ROBUST, deriveCategories } from './categories';
import { filterSamples } from './filter';
import { metricValues } from './metrics';
import { createStore } from './store';

const models = syntheticModels.map(({ id, role }) => ({ id, role }));
const newStore = () => createStore<AppState>(defaultState());

describe('store', () => {
  it('notifies only on real changes', () => {
    const store = createStore({ a: 1, b: [1] });
    const listener = vi.fn();
    store.subscribe(listener);
    store.set({ a: 1 });
    expect(listener).not.toHaveBeenCalled();
    store.set((s) => ({ a: s.a + 1 }));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get().a).toBe(2);
  });
});

describe('selection actions', () => {
  it('opening a bundle picks dense first, and keeps a remembered selection of the same bundle', () => {
    const store = newStore();
    bundleOpened(store, '/b', models);
    expect(store.get().selectedModels).toEqual(['dense', 'mag-50', 'mag-90', 'lth-90']);
    toggleModel(store, 'mag-50');
    selectSamples(store, [5]);
    bundleOpened(store, '/b', models);
    expect(store.get().selectedModels).toEqual(['dense', 'mag-90', 'lth-90']);
    expect(store.get().selectedSamples).toEqual([5]);
    bundleOpened(store, '/other', models);
    expect(store.get().selectedSamples).toEqual([]);
    expect(store.get().setId).toBe('clean');
  });

  it('a table cell makes that model B against dense, on that set', () => {
    const store = newStore();
    bundleOpened(store, '/b', models);
    selectCell(store, 'lth-90', 'fog-s3', 'dense');
    expect(store.get().setId).toBe('fog-s3');
    expect(store.get().selectedModels.slice(0, 2)).toEqual(['dense', 'lth-90']);
    expect(focusModelOf(store.get())).toBe('lth-90');
    comparePair(store, 'mag-50', 'mag-90');
    expect(store.get().selectedModels).toEqual(['mag-50', 'mag-90', 'dense', 'lth-90']);
  });

  it('selection, focus and hover', () => {
    const store = newStore();
    selectSamples(store, [9, 3, 3]);
    expect(store.get().selectedSamples).toEqual([3, 9]);
    expect(store.get().focusSample).toBe(9);
    selectSamples(store, [1], true);
    expect(store.get().selectedSamples).toEqual([1, 3, 9]);
    focusSample(store, 3);
    expect(store.get().selectedSamples).toEqual([1, 3, 9]);
    focusSample(store, 40);
    expect(store.get().selectedSamples).toEqual([40]);
    hoverSample(store, 7);
    expect(store.get().hoveredSample).toBe(7);
  });

  it('metric filters normalise reversed brushes and clear', () => {
    const store = newStore();
    setMetricFilter(store, 'length', { lo: 5, hi: 2 });
    expect(store.get().metricFilters.length).toEqual({ lo: 2, hi: 5 });
    toggleCategory(store, 3);
    toggleCategory(store, 1);
    expect(store.get().categoryFilter).toEqual([1, 3]);
    toggleCategory(store, 3);
    expect(store.get().categoryFilter).toEqual([1]);
    clearFilters(store);
    expect(store.get().metricFilters).toEqual({});
    expect(store.get().categoryFilter).toEqual([]);
  });

  it('cameras are shared while synced and per slot otherwise', () => {
    const store = newStore();
    setCamera(store, 2, { theta: 1, phi: 0.2, radius: 4 });
    expect(cameraFor(store.get(), 0)).toEqual({ theta: 1, phi: 0.2, radius: 4 });
    store.set({ syncCameras: false });
    setCamera(store, 2, { theta: 2, phi: 0.2, radius: 4 });
    expect(cameraFor(store.get(), 2).theta).toBe(2);
    expect(cameraFor(store.get(), 0).theta).toBe(1);
  });

  it('docks a second view beside the main one, never the same view twice', () => {
    const store = newStore();
    const panes = () => [store.get().activeView, store.get().dockedView];
    dockView(store, 'three-d');
    expect(panes()).toEqual(['evaluation', 'three-d']);
    setActiveView(store, 'local');
    expect(panes()).toEqual(['local', 'three-d']);
    setActiveView(store, 'three-d'); // the docked view to the main pane: they swap
    expect(panes()).toEqual(['three-d', 'local']);
    dockView(store, 'three-d'); // the main view to the dock: swap again
    expect(panes()).toEqual(['local', 'three-d']);
    dockView(store, null);
    expect(panes()).toEqual(['local', null]);
    dockView(store, 'local'); // nothing docked yet: the evaluation table takes the main pane
    expect(panes()).toEqual(['evaluation', 'local']);
    store.set({ activeView: 'evaluation', dockedView: null });
    dockView(store, 'evaluation');
    expect(panes()).toEqual(['three-d', 'evaluation']);
  });
});

describe('next / previous in the filtered list', () => {
  const list = new Int32Array([2, 5, 9, 14]);
  it('steps and wraps', () => {
    expect(stepInList(list, 5, 1)).toBe(9);
    expect(stepInList(list, 5, -1)).toBe(2);
    expect(stepInList(list, 14, 1)).toBe(2);
    expect(stepInList(list, 2, -1)).toBe(14);
    expect(stepInList(list, null, 1)).toBe(2);
    expect(stepInList(list, null, -1)).toBe(14);
  });
  it('from a sample outside the list, goes to the nearest one in that direction', () => {
    expect(stepInList(list, 6, 1)).toBe(9);
    expect(stepInList(list, 6, -1)).toBe(5);
    expect(stepInList(list, 100, 1)).toBe(2);
    expect(stepInList(new Int32Array(0), 3, 1)).toBeNull();
  });
  it('moves the focus in the store', () => {
    const store = newStore();
    focusSample(store, 5);
    stepFocus(store, list, 1);
    expect(store.get().focusSample).toBe(9);
    expect(store.get().selectedSamples).toEqual([9]);
  });
});

describe('categories and filtering', () => {
  const sets = syntheticSets(['fog']);
  const pruned = syntheticMetrics(syntheticModels[2], sets[3], 500);
  const prunedClean = syntheticMetrics(syntheticModels[2], sets[0], 500);

  it('derives display categories from the engine category and clean correctness', () => {
    const cats = deriveCategories(pruned, prunedClean.correct);
    for (let i = 0; i < pruned.count; i++) {
      const expected =
        pruned.category[i] === 1 ? CAT_PRUNING_FRAGILE
        : pruned.category[i] === 2 ? CAT_PRUNING_IMPROVED
        : pruned.correct[i] ? CAT_ROBUST
        : prunedClean.correct[i] ? CAT_CORRUPTION_FRAGILE
        : CAT_BOTH_WRONG;
      expect(cats[i]).toBe(expected);
    }
    expect(new Set(cats).size).toBe(5);
    const dense = syntheticMetrics(syntheticModels[0], sets[3], 500);
    const denseCats = deriveCategories(dense, null);
    expect([...new Set(denseCats)].sort()).toEqual([CAT_ROBUST, CAT_BOTH_WRONG]);
  });

  it('filters by category, class and metric ranges (NaN never passes a range)', () => {
    const cats = deriveCategories(pruned, prunedClean.correct);
    const length = pruned.length.slice();
    length[0] = NaN;
    const out = filterSamples({ count: pruned.count, categories: cats, labels: pruned.labels, categoryFilter: [CAT_PRUNING_FRAGILE, CAT_CORRUPTION_FRAGILE], classFilter: 3, ranges: [{ values: length, lo: 2, hi: 5 }] });
    const expected: number[] = [];
    for (let i = 0; i < pruned.count; i++) {
      if ((cats[i] === 1 || cats[i] === 3) && pruned.labels[i] === 3 && length[i] >= 2 && length[i] <= 5) expected.push(i);
    }
    expect(expected.length).toBeGreaterThan(0);
    expect([...out.indices]).toEqual(expected);
    expect(out.mask.reduce((a, b) => a + b, 0)).toBe(expected.length);
    const all = filterSamples({ count: 10, categories: null, labels: null, categoryFilter: [1], classFilter: null, ranges: [] });
    expect(all.indices.length).toBe(10);
  });

  it('reads class-angle columns out of the N × C matrix', () => {
    const col = metricValues(pruned, 'classAngle:4');
    for (let i = 0; i < 20; i++) expect(col[i]).toBe(pruned.classAngles[i * pruned.classes + 4]);
    expect(metricValues(pruned, 'classAngle:4')).toBe(col);
  });
});
