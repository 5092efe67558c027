// Giving up on a superseded load: the cache cancels a pending load (and, through the typed client,
// the engine call) only when every caller waiting for it gave up and none waits without a signal.
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src-shared/api/rpc';
import type { ClientTransport } from '../../../src-shared/api/rpc';
import { createSuperseder } from '../api/supersede';
import { createQueries } from './queries';
import { ResourceCache } from './resource-cache';

/** A load that resolves when told, remembering the signal it was given. */
function pendingLoad() {
  const loads: { signal: AbortSignal; resolve: (v: string) => void }[] = [];
  const load = (signal: AbortSignal) => new Promise<string>((resolve) => loads.push({ signal, resolve }));
  return { loads, load };
}

/** A transport that never answers and records each call's signal. */
function recordingTransport() {
  const calls: { method: string; input: unknown; signal?: AbortSignal }[] = [];
  const transport: ClientTransport = { call: (method, input, signal) => (calls.push({ method, input, signal }), new Promise(() => undefined)), subscribe: () => () => undefined };
  return { calls, transport };
}

describe('ResourceCache cancellation', () => {
  it('cancels a pending load only once every caller with a signal gave up', async () => {
    const cache = new ResourceCache();
    const { loads, load } = pendingLoad();
    const a = new AbortController();
    const b = new AbortController();
    void cache.get('k', load, a.signal);
    void cache.get('k', load, b.signal);
    expect(loads.length).toBe(1);
    a.abort();
    expect(loads[0].signal.aborted).toBe(false);
    b.abort();
    expect(loads[0].signal.aborted).toBe(true);
    // The cancelled entry is gone: the next request loads again.
    void cache.get('k', load);
    expect(loads.length).toBe(2);
  });

  it('never cancels a load someone waits for without a signal, nor one that has arrived', async () => {
    const cache = new ResourceCache();
    const { loads, load } = pendingLoad();
    const a = new AbortController();
    void cache.get('pinned', load, a.signal);
    void cache.get('pinned', load);
    a.abort();
    expect(loads[0].signal.aborted).toBe(false);
    const b = new AbortController();
    const done = cache.get('done', load, b.signal);
    loads[1].resolve('value');
    expect(await done).toBe('value');
    b.abort();
    expect(loads[1].signal.aborted).toBe(false);
    expect(cache.peek('done')).toBe('value');
  });

  it('keeps the value of a given-up load that ignored its signal, unless the cache was invalidated meanwhile', async () => {
    const cache = new ResourceCache();
    const { loads, load } = pendingLoad();
    const a = new AbortController();
    const first = cache.get('k', load, a.signal);
    a.abort();
    expect(loads[0].signal.aborted).toBe(true);
    expect(cache.peek('k')).toBeUndefined();
    loads[0].resolve('late');
    await first;
    expect(cache.peek('k')).toBe('late');
    const b = new AbortController();
    const second = cache.get('j', load, b.signal);
    b.abort();
    cache.invalidate('j');
    loads[1].resolve('stale');
    await second;
    expect(cache.peek('j')).toBeUndefined();
  });

  it('a superseded projection request cancels its engine call; the newer one and other keys keep going', async () => {
    const { calls, transport } = recordingTransport();
    const cache = new ResourceCache();
    const queries = createQueries(createApiClient(transport), cache, '/bundle');
    const superseder = createSuperseder();
    // As useCachedList does: the hook's get (with the view's signal) wraps the queries' own get.
    const key = queries.projectionKey('dense', 'clean', 3);
    void cache.get(key, (signal) => queries.projection('dense', 'clean', 3, signal), superseder.next());
    void queries.neighbours('dense', 'clean', 4); // no signal: never cancelled
    expect(calls.map((c) => c.method)).toEqual(['getProjection', 'getNeighbours']);
    expect(calls[0].signal?.aborted).toBe(false);
    void queries.projection('pruned', 'clean', 3, superseder.next());
    expect(calls[0].signal?.aborted).toBe(true);
    expect(calls[0].input).toMatchObject({ modelId: 'dense' });
    expect(calls[2]).toMatchObject({ method: 'getProjection', input: { modelId: 'pruned' } });
    expect(calls[2].signal?.aborted).toBe(false);
    expect(calls[1].signal?.aborted).toBe(false);
    superseder.cancel();
    expect(calls[2].signal?.aborted).toBe(true);
  });
});
