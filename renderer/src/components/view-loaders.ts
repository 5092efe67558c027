// The views' components, made from the view registry's `load` entries: one React.lazy wrapper per
// view, created once, so each view is its own chunk (the 3-D view keeps three.js out of the main
// one). Preloading starts the active and docked views at start-up and the rest when the browser is
// idle, so the first switch to a view finds its module already loaded; a preload that failed is
// tried again when the view is first shown. React.lazy keeps a rejected load for good, so `retry`
// (the error boundary's Retry button) swaps a failed view's wrapper for a fresh one that loads again.
import type { ComponentType, LazyExoticComponent } from 'react';
import { lazy } from 'react';
import type { ViewRegistry } from '../views/view-registry';
import { viewRegistry } from '../views/view-registry';

export interface ViewLoaders<Id extends string> {
  /** The view's component, to render inside a Suspense (the same wrapper every time). */
  component(id: Id): LazyExoticComponent<ComponentType>;
  /** Starts loading the view's module, once; the lazy wrapper reuses the same load. */
  preload(id: Id): Promise<ComponentType>;
  /** After the view's wrapper failed to load: a fresh wrapper, which loads the module again. */
  retry(id: Id): void;
}

export function createViewLoaders<Id extends string>(registry: ViewRegistry<Id>): ViewLoaders<Id> {
  const loads = new Map<Id, Promise<ComponentType>>();
  const preload = (id: Id): Promise<ComponentType> => {
    let load = loads.get(id);
    if (!load) {
      load = registry.entry(id).load();
      loads.set(id, load);
      load.catch(() => loads.delete(id));
    }
    return load;
  };
  const failed = new Set<Id>();
  const wrapper = (id: Id) =>
    lazy(() =>
      preload(id).then(
        (View) => ({ default: View }),
        (error: unknown) => {
          failed.add(id);
          throw error;
        },
      ),
    );
  const components = new Map(registry.ids.map((id) => [id, wrapper(id)] as const));
  return {
    component: (id) => {
      const found = components.get(id);
      if (!found) throw new Error(`Unknown view '${id}'`);
      return found;
    },
    preload,
    retry: (id) => {
      // A wrapper that loaded (or is loading) is kept: a new one would suspend the view again.
      if (!failed.delete(id)) return;
      components.set(id, wrapper(id));
    },
  };
}

/** Runs `task` when the browser is idle (requestIdleCallback, else a short timeout); returns a cancel. */
export function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 200);
  return () => clearTimeout(handle);
}

/**
 * Loads the views in `first` (the active and docked ones) now and every other registered view when
 * idle. Returns a cancel for the idle part. Load failures are left to the view's Suspense to show.
 */
export function preloadViews<Id extends string>(loaders: ViewLoaders<Id>, registry: ViewRegistry<Id>, first: readonly (Id | null)[], idle: (task: () => void) => () => void = whenIdle): () => void {
  const quiet = (id: Id) => void loaders.preload(id).catch(() => undefined);
  const now = first.filter((id): id is Id => id !== null && registry.isId(id));
  now.forEach(quiet);
  return idle(() => registry.ids.filter((id) => !now.includes(id)).forEach(quiet));
}

/** The product's views. */
export const viewLoaders = createViewLoaders(viewRegistry);
