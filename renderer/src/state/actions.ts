// What views do to the shared state. Every view goes through these, so linking is uniform:
// a selection made in one view is the selection every other view draws.
import type { AppState, CameraState, MetricRange, ViewId } from './app-state';
import { defaultCamera } from './app-state';
import { bundleFields, defaultState } from './state-fields';
import type { MetricKey } from './metrics';
import type { Store } from './store';
import { lowerBound } from './visible-selection';

export type AppStore = Store<AppState>;

const MAX_VIEWS = 9;

export interface ModelInfo {
  id: string;
  role: 'dense' | 'pruned';
}

/** A bundle opened: keep its remembered state if it is the same bundle, else start fresh with sensible picks. */
export function bundleOpened(store: AppStore, dir: string, models: ModelInfo[]): void {
  const state = store.get();
  const ids = new Set(models.map((m) => m.id));
  const fresh = defaultState();
  const patch: Partial<AppState> = { bundleDir: dir };
  if (state.bundleDir !== dir) for (const key of bundleFields) Object.assign(patch, { [key]: fresh[key] });
  const kept = (state.bundleDir === dir ? state.selectedModels : []).filter((id) => ids.has(id));
  if (kept.length === 0) {
    const dense = models.filter((m) => m.role === 'dense').map((m) => m.id);
    const pruned = models.filter((m) => m.role === 'pruned').map((m) => m.id);
    patch.selectedModels = [...dense, ...pruned].slice(0, MAX_VIEWS);
  } else patch.selectedModels = kept;
  patch.hoveredSample = null;
  patch.highlightedMethod = null;
  store.set(patch);
}

/** Shows `view` in the main pane; if it was docked, the two panes swap. */
export function setActiveView(store: AppStore, view: ViewId): void {
  store.set((s) => (view === s.dockedView ? { activeView: view, dockedView: s.activeView } : { activeView: view }));
}

/** Docks `view` beside the main pane (null closes the dock); docking the main view swaps the panes. */
export function dockView(store: AppStore, view: ViewId | null): void {
  store.set((s) => {
    if (view === null) return { dockedView: null };
    if (view !== s.activeView) return { dockedView: view };
    // The main view moves to the dock; the old docked view (or the evaluation table) takes the main pane.
    const main = s.dockedView ?? (view === 'evaluation' ? 'three-d' : 'evaluation');
    return { activeView: main, dockedView: view };
  });
}

export function toggleTheme(store: AppStore): void {
  store.set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' }));
}

/** Adds or removes a model from the shown set (keeping order; at most nine). */
export function toggleModel(store: AppStore, id: string): void {
  store.set((s) => {
    if (s.selectedModels.includes(id)) return { selectedModels: s.selectedModels.filter((m) => m !== id) };
    return { selectedModels: [...s.selectedModels, id].slice(0, MAX_VIEWS) };
  });
}

/** Makes (a, b) the comparison pair; the other shown models keep their order after them. */
export function comparePair(store: AppStore, a: string, b: string): void {
  store.set((s) => ({ selectedModels: [a, b, ...s.selectedModels.filter((m) => m !== a && m !== b)].slice(0, MAX_VIEWS) }));
}

/** The comparison pair: A (reference) and B (the model whose categories the filters use). */
export function pairOf(state: Pick<AppState, 'selectedModels'>): [string | null, string | null] {
  return [state.selectedModels[0] ?? null, state.selectedModels[1] ?? null];
}

/** The model whose metrics and categories drive filters and the filtered list. */
export function focusModelOf(state: Pick<AppState, 'selectedModels'>): string | null {
  const [a, b] = pairOf(state);
  return b ?? a;
}

/** A click on an evaluation-table cell: that set, and that model as B against the dense model. */
export function selectCell(store: AppStore, modelId: string, setId: string, denseId: string | null): void {
  store.set((s) => {
    const pair = denseId && modelId !== denseId ? [denseId, modelId] : [modelId];
    const rest = s.selectedModels.filter((m) => !pair.includes(m));
    return { setId, selectedModels: [...pair, ...rest].slice(0, MAX_VIEWS) };
  });
}

export function setCurrentSet(store: AppStore, setId: string): void {
  store.set({ setId });
}

/** Replaces (or, with `add`, extends) the sample selection; the first new sample gets the focus. */
export function selectSamples(store: AppStore, indices: ArrayLike<number>, add = false): void {
  store.set((s) => {
    const merged = new Set(add ? s.selectedSamples : []);
    for (let i = 0; i < indices.length; i++) merged.add(indices[i]);
    const selectedSamples = [...merged].sort((x, y) => x - y);
    return { selectedSamples, focusSample: indices.length > 0 ? indices[0] : add ? s.focusSample : null };
  });
}

export function focusSample(store: AppStore, index: number | null): void {
  store.set((s) => ({
    focusSample: index,
    selectedSamples: index === null || s.selectedSamples.includes(index) ? s.selectedSamples : [index],
  }));
}

export function hoverSample(store: AppStore, index: number | null): void {
  store.set({ hoveredSample: index });
}

export function setMetricFilter(store: AppStore, key: MetricKey, range: MetricRange | null): void {
  store.set((s) => {
    const metricFilters = { ...s.metricFilters };
    if (range) metricFilters[key] = { lo: Math.min(range.lo, range.hi), hi: Math.max(range.lo, range.hi) };
    else delete metricFilters[key];
    return { metricFilters };
  });
}

export function toggleCategory(store: AppStore, code: number): void {
  store.set((s) => ({
    categoryFilter: s.categoryFilter.includes(code) ? s.categoryFilter.filter((c) => c !== code) : [...s.categoryFilter, code].sort((x, y) => x - y),
  }));
}

export function clearFilters(store: AppStore): void {
  store.set({ categoryFilter: [], classFilter: null, metricFilters: {} });
}

/** Moves the focus to the next / previous sample of the filtered list (wrapping around). */
export function stepFocus(store: AppStore, list: Int32Array, delta: 1 | -1): void {
  const next = stepInList(list, store.get().focusSample, delta);
  if (next !== null) focusSample(store, next);
}

/** The neighbour of `current` in a sorted index list; from outside the list, the nearest one in that direction. */
export function stepInList(list: Int32Array, current: number | null, delta: 1 | -1): number | null {
  if (list.length === 0) return null;
  if (current === null) return delta > 0 ? list[0] : list[list.length - 1];
  const lo = lowerBound(list, current);
  const found = lo < list.length && list[lo] === current;
  let pos = delta > 0 ? (found ? lo + 1 : lo) : lo - 1;
  if (pos >= list.length) pos = 0;
  if (pos < 0) pos = list.length - 1;
  return list[pos];
}

export function setCamera(store: AppStore, slot: number, camera: CameraState): void {
  store.set((s) => {
    if (s.syncCameras) return { cameras: [camera] };
    const cameras = [...s.cameras];
    while (cameras.length <= slot) cameras.push(cameras[0] ?? camera);
    cameras[slot] = camera;
    return { cameras };
  });
}

export function cameraFor(state: Pick<AppState, 'cameras' | 'syncCameras'>, slot: number): CameraState {
  return (state.syncCameras ? state.cameras[0] : state.cameras[slot] ?? state.cameras[0]) ?? defaultCamera;
}
