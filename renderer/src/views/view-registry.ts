// The one list of views. The tabs and the dock picker (components/view-tabs.tsx), the keyboard
// shortcuts (use-shortcuts.ts), the persisted view ids (state/state-fields.ts), help text such as
// "Open sample view (7)", the e2e helpers and the workspace's components (components/view-loaders.ts,
// one React.lazy per view) all derive from it. Order is tab order: the n-th view is key n (so at most
// nine views). Each entry's `load` is a dynamic import of the view's module, typed to resolve to a
// component without props, so every view is its own chunk and a registered view cannot lack one.
// state/ imports this module and the views import state/: the import() edges are lazy, evaluated
// after all modules have initialised, so they are no cycle (tools/lint/import-graph.ts).
import type { ComponentType } from 'react';

export interface ViewEntry<Id extends string = string> {
  id: Id;
  /** Tab, dock picker and docked-pane title. */
  title: string;
  /** One sentence for the tab's tooltip. */
  help: string;
  /** Whether it can be shown beside another view (default true). */
  dockable?: boolean;
  /** Loads the view's module: `() => import('./<folder>/<name>-view').then((m) => m.<Name>View)`. */
  load: () => Promise<ComponentType>;
}

export interface ViewRegistry<Id extends string = string> {
  readonly entries: readonly ViewEntry<Id>[];
  /** Ids in tab order (a non-empty tuple, as `z.enum` wants it). */
  readonly ids: readonly [Id, ...Id[]];
  readonly titles: Readonly<Record<Id, string>>;
  entry(id: Id): ViewEntry<Id>;
  /** The digit that shows this view (Shift+digit docks it). */
  keyOf(id: Id): string;
  /** The view shown by digit `key` ('1'…'9'), if any. */
  atKey(key: string): Id | undefined;
  isId(value: unknown): value is Id;
  dockable(id: Id): boolean;
}

export function createViewRegistry<const E extends readonly ViewEntry[]>(entries: E): ViewRegistry<E[number]['id']> {
  type Id = E[number]['id'];
  if (entries.length === 0 || entries.length > 9) throw new Error(`A view registry holds 1 to 9 views (one digit key each), not ${entries.length}`);
  const ids = entries.map((e) => e.id) as unknown as [Id, ...Id[]];
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) throw new Error(`View id '${dup}' is registered twice`);
  const byId = new Map<string, ViewEntry<Id>>(entries.map((e) => [e.id, e as ViewEntry<Id>]));
  const entry = (id: Id): ViewEntry<Id> => {
    const found = byId.get(id);
    if (!found) throw new Error(`Unknown view '${id}'`);
    return found;
  };
  return {
    entries: entries as readonly ViewEntry<Id>[],
    ids,
    titles: Object.fromEntries(entries.map((e) => [e.id, e.title])) as Record<Id, string>,
    entry,
    keyOf: (id) => String(ids.indexOf(entry(id).id) + 1),
    atKey: (key) => (/^[1-9]$/.test(key) ? ids[Number(key) - 1] : undefined),
    isId: (value): value is Id => typeof value === 'string' && byId.has(value),
    dockable: (id) => entry(id).dockable !== false,
  };
}

// Adding a view: its folder under views/ and one line here. See docs/ARCHITECTURE.md, "How to add a view".
export const viewRegistry = createViewRegistry([
  { id: 'evaluation', title: 'Evaluation', help: 'Accuracy, Δ vs dense or CE per model × corruption × severity; click a cell to compare that model with dense on that set.', load: () => import('./evaluation-table/evaluation-view').then((m) => m.EvaluationView) },
  { id: 'similarity', title: 'Similarity', help: 'Geometric similarity of the models: MDS and a minimum spanning tree.', load: () => import('./similarity/similarity-view').then((m) => m.SimilarityView) },
  { id: 'redundancy', title: 'Redundancy', help: 'Corruption redundancy: a clustered correlation matrix.', load: () => import('./redundancy/redundancy-view').then((m) => m.RedundancyView) },
  { id: 'local', title: 'Local geometry', help: 'Angle vs length per class, with A→B arrows; drag to select.', load: () => import('./local-geometry/local-geometry-view').then((m) => m.LocalGeometryView) },
  { id: 'global', title: 'Global geometry', help: 'Parallel coordinates; drag on an axis to brush.', load: () => import('./global-geometry/global-geometry-view').then((m) => m.GlobalGeometryView) },
  { id: 'three-d', title: '3D side by side', help: 'UMAP or geometric axes, up to nine models, synced cameras.', load: () => import('./three-d/three-d-view').then((m) => m.ThreeDView) },
  { id: 'sample', title: 'Sample', help: 'Sample drill-down: images per severity, every model’s prediction, trajectories, occlusion maps.', load: () => import('./sample/sample-view').then((m) => m.SampleView) },
  { id: 'sweeps', title: 'Sparsity sweeps', help: 'Per method, a metric against sparsity, remaining parameters or effective MACs, with bootstrap bands and the breaking point.', load: () => import('./sweeps/sweep-view').then((m) => m.SweepView) },
]);

export type ViewId = (typeof viewRegistry.ids)[number];
export const viewIds = viewRegistry.ids;
export const viewTitles = viewRegistry.titles;
