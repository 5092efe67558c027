// Loading state of one thing a view shows: every view renders empty / loading / error / ready.
import { useEffect, useState } from 'react';
import type { ErrorPayload } from '../../../src-shared/base/errors';
import { toErrorPayload } from '../../../src-shared/base/errors';
import type { ResourceCache } from './resource-cache';

export type Resource<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ErrorPayload };

export const idle: Resource<never> = { status: 'idle' };

/**
 * Loads `key` through the cache; `key` null means nothing to load (idle). A new `retry` value retries a failure.
 * When the key changes or the view unmounts, a load still pending is given up: `load`'s signal aborts
 * (cancelling the engine call) unless another view still waits for the same key.
 */
export function useCached<T>(cache: ResourceCache, key: string | null, load: (signal: AbortSignal) => Promise<T>, retry = 0): Resource<T> {
  const [state, setState] = useState<{ key: string | null; retry: number; resource: Resource<T> }>(() => initial(cache, key, retry));
  let current = state;
  if (state.key !== key || (state.retry !== retry && state.resource.status === 'error')) {
    current = initial(cache, key, retry);
    setState(current);
  }
  useEffect(() => {
    if (key === null || current.resource.status === 'ready') return;
    let alive = true;
    const superseded = new AbortController();
    cache.get(key, load, superseded.signal).then(
      (data) => alive && setState({ key, retry, resource: { status: 'ready', data } }),
      (error) => alive && setState({ key, retry, resource: { status: 'error', error: toErrorPayload(error) } }),
    );
    return () => {
      alive = false;
      superseded.abort();
    };
    // `load` is keyed by `key`: a new closure for the same key must not refetch.
  }, [cache, key, retry]);
  return current.resource;
}

function initial<T>(cache: ResourceCache, key: string | null, retry: number) {
  if (key === null) return { key, retry, resource: idle as Resource<T> };
  const value = cache.peek<T>(key);
  return { key, retry, resource: value === undefined ? ({ status: 'loading' } as Resource<T>) : { status: 'ready' as const, data: value } };
}

/** Several keyed loads at once (e.g. one per selected model), in key order; pending ones are given up like useCached's. */
export function useCachedList<T>(cache: ResourceCache, keys: (string | null)[], load: (key: string, i: number, signal: AbortSignal) => Promise<T>, retry = 0): Resource<T>[] {
  const joined = keys.join('\n');
  const [, force] = useState(0);
  const [failures] = useState(() => new Map<string, ErrorPayload>());
  useEffect(() => {
    failures.clear();
    let alive = true;
    const superseded = new AbortController();
    keys.forEach((key, i) => {
      if (key !== null && cache.peek(key) === undefined)
        cache.get(key, (signal) => load(key, i, signal), superseded.signal).then(
          () => alive && force((n) => n + 1),
          (error) => alive && (failures.set(key, toErrorPayload(error)), force((n) => n + 1)),
        );
    });
    return () => {
      alive = false;
      superseded.abort();
    };
  }, [cache, joined, retry]);
  return keys.map((key) => {
    if (key === null) return idle;
    const value = cache.peek<T>(key);
    if (value !== undefined) return { status: 'ready', data: value };
    const error = failures.get(key);
    return error ? { status: 'error', error } : { status: 'loading' };
  });
}

/** The first error among resources, else loading if any is loading, else ready with all values. */
export function combine<T>(resources: Resource<T>[]): Resource<T[]> {
  for (const r of resources) if (r.status === 'error') return r;
  if (resources.some((r) => r.status === 'loading')) return { status: 'loading' };
  if (resources.some((r) => r.status === 'idle')) return idle;
  return { status: 'ready', data: resources.map((r) => (r as { data: T }).data) };
}
