// Persists the view state (selection, set, filters, cameras, theme, active and docked views) in localStorage
// so a reload lands where the user was. Whatever is stored is validated field by field: a
// corrupt or outdated entry falls back to the default for that field, never breaks the app.
import { z } from 'zod';
import { tableModes } from '../../../src-shared/api/table-modes';
import type { AppState } from './app-state';
import { defaultState } from './app-state';
import { categoryNames } from './categories';
import { isMetricKey } from './metrics';
import type { Store } from './store';
import type { ViewRegistry } from '../views/view-registry';
import { viewRegistry } from '../views/view-registry';

export const STORAGE_KEY = 'prunelens.viewState.v1';

const range = z.object({ lo: z.number(), hi: z.number() });
const camera = z.object({ theta: z.number().finite(), phi: z.number().finite(), radius: z.number().positive().finite() });
const index = z.number().int().min(0);

/** The persisted view fields accept exactly the registry's view ids. */
export function viewFields<Id extends string>(views: ViewRegistry<Id>) {
  return { activeView: z.enum(views.ids), dockedView: z.enum(views.ids).nullable() };
}

const fields = {
  bundleDir: z.string().nullable(),
  ...viewFields(viewRegistry),
  theme: z.enum(['light', 'dark']),
  selectedModels: z.array(z.string()).max(64),
  setId: z.string().min(1),
  selectedSamples: z.array(index).max(100_000),
  focusSample: index.nullable(),
  categoryFilter: z.array(z.number().int().min(0).max(categoryNames.length - 1)),
  classFilter: index.nullable(),
  metricFilters: z.record(z.string(), range).transform((r) => Object.fromEntries(Object.entries(r).filter(([k]) => isMetricKey(k)))),
  tableMode: z.enum(tableModes),
  tableSort: z.object({ key: z.string(), dir: z.union([z.literal(1), z.literal(-1)]) }),
  expandedCorruptions: z.array(z.string()),
  colorBy: z.string().refine((c) => c === 'category' || c === 'class' || (c.startsWith('metric:') && isMetricKey(c.slice(7)))),
  layout3d: z.enum(['projection', 'geometry']),
  syncCameras: z.boolean(),
  cameras: z.array(camera).min(1).max(9),
  showTrajectories: z.boolean(),
  localClass: index,
  localCompare: z.enum(['models', 'clean']),
  showModelCards: z.boolean(),
  runOptions: z.object({
    limit: z.number().int().positive().nullable(),
    corruptions: z.array(z.string()),
    severities: z.array(z.number().int().min(1).max(5)),
    ep: z.string().nullable(),
  }),
} satisfies { [K in keyof Omit<AppState, Transient>]: z.ZodType };

/** Fields that are never stored: they describe what is under the pointer now. */
type Transient = 'hoveredSample' | 'highlightedMethod';
type Persisted = Omit<AppState, Transient>;

export function serializeState(state: AppState): string {
  const out: Partial<Persisted> = {};
  for (const key of Object.keys(fields) as (keyof Persisted)[]) Object.assign(out, { [key]: state[key] });
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
  for (const [key, schema] of Object.entries(fields)) {
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
