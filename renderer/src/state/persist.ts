// Persists the view state (selection, set, filters, cameras, theme, active and docked views) in localStorage
// so a reload lands where the user was. Whatever is stored is validated field by field (the fields
// and their schemas: state-fields.ts): a corrupt or outdated entry falls back to the default for
// that field, never breaks the app.
import type { AppState } from './app-state';
import type { Persisted } from './state-fields';
import { defaultState, persistedSchemas, viewFields } from './state-fields';
import type { Store } from './store';

export const STORAGE_KEY = 'prunelens.viewState.v1';

// The view-id schemas are defined with the table; re-exported where the view registry's test finds them.
export { viewFields };

export function serializeState(state: AppState): string {
  const out: Partial<Persisted> = {};
  for (const key of Object.keys(persistedSchemas) as (keyof Persisted)[]) Object.assign(out, { [key]: state[key] });
  return JSON.stringify(out);
}

/** Parses what `serializeState` wrote; invalid fields take their defaults. */
export function deserializeState(text: string | null, base: AppState = defaultState()): AppState {
  if (!text) return base;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return base;
  }
  if (typeof raw !== 'object' || raw === null) return base;
  const state = { ...base };
  for (const [key, schema] of Object.entries(persistedSchemas)) {
    const parsed = schema.safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success) Object.assign(state, { [key]: parsed.data });
  }
  // One view cannot be in both panes.
  if (state.dockedView === state.activeView) state.dockedView = null;
  return state;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Loads the stored state into the store, then saves every change (coalesced to one write per `delayMs`). */
export function persistStore(store: Store<AppState>, storage: KeyValueStorage, delayMs = 200): () => void {
  store.set(deserializeState(storage.getItem(STORAGE_KEY), store.get()));
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    try {
      storage.setItem(STORAGE_KEY, serializeState(store.get()));
    } catch {
      // Storage full or disabled: the state simply does not survive a reload.
    }
  };
  const unsubscribe = store.subscribe(() => {
    if (delayMs <= 0) flush();
    else if (timer === null) timer = setTimeout(flush, delayMs);
  });
  return () => {
    unsubscribe();
    if (timer !== null) {
      clearTimeout(timer);
      flush();
    }
  };
}
