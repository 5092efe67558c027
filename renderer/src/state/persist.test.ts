import { describe, expect, it } from 'vitest';
import { bundleOpened, selectCell, selectSamples, setCamera, setMetricFilter, toggleCategory, toggleTheme } from './actions';
import type { AppState } from './app-state';
import { defaultState } from './state-fields';
import { deserializeState, persistStore, serializeState, STORAGE_KEY } from './persist';
import { createStore } from './store';

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

describe('persisted state', () => {
  it('round-trips selection, set, filters, camera, theme and view through storage', () => {
    const storage = new MemoryStorage();
    const store = createStore<AppState>({ ...defaultState(), theme: 'light' });
    const stop = persistStore(store, storage, 0);
    bundleOpened(store, '/bundle', [{ id: 'dense', role: 'dense' }, { id: 'p', role: 'pruned' }]);
    selectCell(store, 'p', 'fog-s3', 'dense');
    selectSamples(store, [4, 8]);
    setMetricFilter(store, 'classAngle:2', { lo: 10, hi: 60 });
    toggleCategory(store, 1);
    setCamera(store, 0, { theta: 1.5, phi: -0.3, radius: 2 });
    toggleTheme(store);
    store.set({ activeView: 'three-d', dockedView: 'local', hoveredSample: 12 });
    stop();

    const reloaded = createStore<AppState>(defaultState());
    persistStore(reloaded, storage, 0);
    const s = reloaded.get();
    expect(s.bundleDir).toBe('/bundle');
    expect(s.setId).toBe('fog-s3');
    expect(s.selectedModels).toEqual(['dense', 'p']);
    expect(s.selectedSamples).toEqual([4, 8]);
    expect(s.focusSample).toBe(4);
    expect(s.metricFilters).toEqual({ 'classAngle:2': { lo: 10, hi: 60 } });
    expect(s.categoryFilter).toEqual([1]);
    expect(s.cameras).toEqual([{ theta: 1.5, phi: -0.3, radius: 2 }]);
    expect(s.theme).toBe('dark');
    expect(s.activeView).toBe('three-d');
    expect(s.dockedView).toBe('local');
    // Hover is transient.
    expect(s.hoveredSample).toBeNull();
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!)).not.toHaveProperty('hoveredSample');
  });

  it('falls back field by field on corrupt or foreign data', () => {
    const base = defaultState();
    expect(deserializeState('{not json', base)).toEqual(base);
    expect(deserializeState('null', base)).toEqual(base);
    const partly = deserializeState(JSON.stringify({ activeView: 'nope', theme: 'dark', cameras: [{ theta: 'x' }], metricFilters: { bogus: { lo: 0, hi: 1 }, length: { lo: 1, hi: 2 } }, selectedSamples: [-1] }), base);
    expect(partly.activeView).toBe(base.activeView);
    expect(deserializeState(JSON.stringify({ activeView: 'local', dockedView: 'local' }), base)).toMatchObject({ activeView: 'local', dockedView: null });
    expect(partly.theme).toBe('dark');
    expect(partly.cameras).toEqual(base.cameras);
    expect(partly.metricFilters).toEqual({ length: { lo: 1, hi: 2 } });
    expect(partly.selectedSamples).toEqual([]);
  });

  it('serialises every persisted field and nothing transient', () => {
    const keys = Object.keys(JSON.parse(serializeState(defaultState())));
    expect(keys).toContain('runOptions');
    expect(keys).not.toContain('hoveredSample');
    expect(keys).not.toContain('highlightedMethod');
    expect(keys.length).toBe(Object.keys(defaultState()).length - 2);
  });

  it('coalesces writes', async () => {
    const storage = new MemoryStorage();
    let writes = 0;
    const counting = { getItem: (k: string) => storage.getItem(k), setItem: (k: string, v: string) => (writes++, storage.setItem(k, v)) };
    const store = createStore<AppState>(defaultState());
    persistStore(store, counting, 20);
    for (let i = 0; i < 50; i++) store.set({ hoveredSample: i });
    await new Promise((r) => setTimeout(r, 60));
    expect(writes).toBe(1);
  });
});
