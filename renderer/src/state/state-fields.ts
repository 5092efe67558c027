// The one persisted-state table: every AppState field once, with its default, how a stored value
// is validated, and its scope: 'app' (persisted, kept across bundles), 'bundle' (persisted, reset
// when another bundle opens) or 'transient' (never stored: what is under the pointer now).
// defaultState(), bundleFields and the persisted schemas (persist.ts) are derived from it; the
// `satisfies` below makes the compiler ask for exactly one entry per AppState field.
import { z } from 'zod';
import { tableModes } from '../../../src-shared/api/table-modes';
import type { ViewRegistry } from '../views/view-registry';
import { viewRegistry } from '../views/view-registry';
import type { AppState } from './app-state';
import { defaultCamera } from './app-state';
import { categoryNames } from './categories';
import { isMetricKey } from './metrics';

export type StateScope = 'app' | 'bundle' | 'transient';

/** One field: a fresh default per call; a schema for what is stored unless it is transient. */
export type StateField<V> = { scope: 'app' | 'bundle'; initial: () => V; schema: z.ZodType } | { scope: 'transient'; initial: () => V };

/** Exactly one entry per AppState field (a missing or unknown key does not compile). */
export type StateTable = { [K in keyof AppState]: StateField<AppState[K]> };

const range = z.object({ lo: z.number(), hi: z.number() });
const camera = z.object({ theta: z.number().finite(), phi: z.number().finite(), radius: z.number().positive().finite() });
const index = z.number().int().min(0);

/** The persisted view fields accept exactly the registry's view ids. */
export function viewFields<Id extends string>(views: ViewRegistry<Id>) {
  return { activeView: z.enum(views.ids), dockedView: z.enum(views.ids).nullable() };
}
const views = viewFields(viewRegistry);

export const stateFields = {
  /** Bundle the bundle-scoped fields belong to. */
  bundleDir: { scope: 'app', initial: () => null, schema: z.string().nullable() },
  activeView: { scope: 'app', initial: () => 'evaluation', schema: views.activeView },
  dockedView: { scope: 'app', initial: () => null, schema: views.dockedView },
  theme: {
    scope: 'app',
    initial: () => (typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'),
    schema: z.enum(['light', 'dark']),
  },
  selectedModels: { scope: 'bundle', initial: () => [], schema: z.array(z.string()).max(64) },
  setId: { scope: 'bundle', initial: () => 'clean', schema: z.string().min(1) },
  selectedSamples: { scope: 'bundle', initial: () => [], schema: z.array(index).max(100_000) },
  focusSample: { scope: 'bundle', initial: () => null, schema: index.nullable() },
  hoveredSample: { scope: 'transient', initial: () => null },
  highlightedMethod: { scope: 'transient', initial: () => null },
  categoryFilter: { scope: 'bundle', initial: () => [], schema: z.array(z.number().int().min(0).max(categoryNames.length - 1)) },
  classFilter: { scope: 'bundle', initial: () => null, schema: index.nullable() },
  metricFilters: {
    scope: 'bundle',
    initial: () => ({}),
    schema: z.record(z.string(), range).transform((r) => Object.fromEntries(Object.entries(r).filter(([k]) => isMetricKey(k)))),
  },
  tableMode: { scope: 'app', initial: () => 'accuracy', schema: z.enum(tableModes) },
  tableSort: { scope: 'app', initial: () => ({ key: 'model', dir: 1 }), schema: z.object({ key: z.string(), dir: z.union([z.literal(1), z.literal(-1)]) }) },
  expandedCorruptions: { scope: 'bundle', initial: () => [], schema: z.array(z.string()) },
  colorBy: {
    scope: 'app',
    initial: () => 'category',
    schema: z.string().refine((c) => c === 'category' || c === 'class' || (c.startsWith('metric:') && isMetricKey(c.slice(7)))),
  },
  layout3d: { scope: 'app', initial: () => 'projection', schema: z.enum(['projection', 'geometry']) },
  syncCameras: { scope: 'app', initial: () => true, schema: z.boolean() },
  cameras: { scope: 'app', initial: () => [defaultCamera], schema: z.array(camera).min(1).max(9) },
  showTrajectories: { scope: 'app', initial: () => true, schema: z.boolean() },
  localClass: { scope: 'bundle', initial: () => 0, schema: index },
  localCompare: { scope: 'app', initial: () => 'models', schema: z.enum(['models', 'clean']) },
  showModelCards: { scope: 'app', initial: () => true, schema: z.boolean() },
  runOptions: {
    scope: 'app',
    // limit null: the bundle's own `limit` (else every sample), as the header and the README say.
    initial: () => ({ limit: null, corruptions: [], severities: [1, 2, 3, 4, 5], ep: null }),
    schema: z.object({
      limit: z.number().int().positive().nullable(),
      corruptions: z.array(z.string()),
      severities: z.array(z.number().int().min(1).max(5)),
      ep: z.string().nullable(),
    }),
  },
} satisfies StateTable;

type Table = typeof stateFields;
type FieldKey = keyof Table;
/** The fields of one scope. */
export type FieldsOf<S extends StateScope> = { [K in FieldKey]: Table[K]['scope'] extends S ? K : never }[FieldKey];

const keysOf = <S extends StateScope>(scope: S) => (Object.keys(stateFields) as FieldKey[]).filter((k): k is FieldsOf<S> => stateFields[k].scope === scope);

/** Fields that describe one bundle's data; dropped when another bundle opens. */
export const bundleFields: readonly FieldsOf<'bundle'>[] = keysOf('bundle');
/** Fields never stored: they describe what is under the pointer now. */
export const transientFields: readonly FieldsOf<'transient'>[] = keysOf('transient');

export type Persisted = Omit<AppState, FieldsOf<'transient'>>;

/** The stored fields' schemas, in table order (persist.ts validates a stored state field by field with them). */
export const persistedSchemas = Object.fromEntries(
  (Object.keys(stateFields) as FieldKey[]).flatMap((k) => {
    const field: StateField<unknown> = stateFields[k];
    return field.scope === 'transient' ? [] : [[k, field.schema]];
  }),
) as { [K in keyof Persisted]: z.ZodType };

export function defaultState(): AppState {
  const state = {} as Record<FieldKey, unknown>;
  for (const k of Object.keys(stateFields) as FieldKey[]) state[k] = stateFields[k].initial();
  return state as AppState;
}
