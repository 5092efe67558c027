// A tiny observable store: views subscribe with selectors (useSyncExternalStore), so a hover
// over one of 20,000 points re-renders only the components whose selected slice changed.
import { useSyncExternalStore } from 'react';

export interface Store<T> {
  get(): T;
  /** Shallow-merges a patch (or the patch a function returns); listeners run only on change. */
  set(patch: Partial<T> | ((state: T) => Partial<T>)): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      const delta = typeof patch === 'function' ? patch(state) : patch;
      let changed = false;
      for (const key of Object.keys(delta) as (keyof T)[]) {
        if (!Object.is(state[key], delta[key])) changed = true;
      }
      if (!changed) return;
      state = { ...state, ...delta };
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The selected slice must be a stable value (a field, not a fresh object) or React loops. */
export function useStore<T, U>(store: Store<T>, selector: (state: T) => U): U {
  return useSyncExternalStore(store.subscribe, () => selector(store.get()));
}
