import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiEventListener } from '../../../src-shared/api/contract';
import { PruneLensError } from '../../../src-shared/base/errors';
import { createApiClient } from '../../../src-shared/api/rpc';
import type { ClientTransport } from '../../../src-shared/api/rpc';
import { createSuperseder } from './supersede';
import type { RelayPort } from './transport-relay';
import { createRelayedTransport, serveRelay } from './transport-relay';

const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

/** A far-side transport whose calls resolve when the test says so. */
function fakeEngine() {
  const listeners = new Set<ApiEventListener>();
  const calls: { method: string; input: unknown; signal?: AbortSignal; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  const transport: ClientTransport = {
    call: (method, input, signal) => new Promise((resolve, reject) => calls.push({ method, input, signal, resolve, reject })),
    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  };
  return { transport, calls, emit: (event: ApiEvent) => listeners.forEach((l) => l(event)) };
}

function relayed() {
  const channel = new MessageChannel();
  channels.push(channel);
  const engine = fakeEngine();
  serveRelay(engine.transport, channel.port1 as unknown as RelayPort);
  const client = createRelayedTransport(channel.port2 as unknown as RelayPort);
  channel.port1.start();
  channel.port2.start();
  return { engine, client };
}

const until = async (check: () => boolean) => {
  for (let k = 0; k < 200 && !check(); k++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('transport relay (WebSocket in a worker)', () => {
  it('delivers results with their typed arrays moved, not copied', async () => {
    const { engine, client } = relayed();
    const pending = client.call('getSampleMetrics', { modelId: 'dense', setId: 'clean' });
    await until(() => engine.calls.length === 1);
    expect(engine.calls[0]).toMatchObject({ method: 'getSampleMetrics', input: { modelId: 'dense', setId: 'clean' } });
    const length = new Float32Array([1.5, 2.5, 3.5]);
    const labels = new Int32Array([0, 9, 3]);
    engine.calls[0].resolve({ count: 3, length, labels, nested: { same: length } });
    const result = (await pending) as { count: number; length: Float32Array; labels: Int32Array; nested: { same: Float32Array } };
    expect(result.count).toBe(3);
    expect([...result.length]).toEqual([1.5, 2.5, 3.5]);
    expect(result.labels).toBeInstanceOf(Int32Array);
    expect([...result.labels]).toEqual([0, 9, 3]);
    expect(result.nested.same.buffer).toBe(result.length.buffer);
    // Transferred: the worker side no longer holds the bytes.
    expect(length.byteLength).toBe(0);
    expect(labels.byteLength).toBe(0);
  });

  it('keeps error codes, messages and details', async () => {
    const { engine, client } = relayed();
    const pending = client.call('openBundle', { path: '/nope' });
    await until(() => engine.calls.length === 1);
    engine.calls[0].reject(new PruneLensError('not-found', 'No bundle at /nope.', { path: '/nope' }));
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PruneLensError);
    expect(error).toMatchObject({ code: 'not-found', message: 'No bundle at /nope.', details: { path: '/nope' } });
  });

  it('settles concurrent calls by id, in whatever order the engine answers', async () => {
    const { engine, client } = relayed();
    const a = client.call('getEvaluation', { modelIds: ['a'] });
    const b = client.call('getEvaluation', { modelIds: ['b'] });
    await until(() => engine.calls.length === 2);
    engine.calls[1].resolve('second');
    engine.calls[0].resolve('first');
    expect(await Promise.all([a, b])).toEqual(['first', 'second']);
  });

  it('a superseded request is cancelled: it rejects at once and the far side\'s signal aborts; the newer one still answers', async () => {
    const { engine, client } = relayed();
    const superseder = createSuperseder();
    const first = client.call('getOcclusion', { modelId: 'dense', setId: 'clean', index: 1 }, superseder.next());
    await until(() => engine.calls.length === 1);
    expect(engine.calls[0].signal?.aborted).toBe(false);
    const second = client.call('getOcclusion', { modelId: 'dense', setId: 'clean', index: 2 }, superseder.next());
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
    await until(() => engine.calls.length === 2 && engine.calls[0].signal!.aborted);
    expect(engine.calls[1].signal?.aborted).toBe(false);
    engine.calls[0].resolve('late'); // a late answer for the cancelled call is dropped
    engine.calls[1].resolve('second');
    expect(await second).toBe('second');
    // An already-aborted signal never reaches the far side.
    const aborted = new AbortController();
    aborted.abort();
    await expect(client.call('getOcclusion', { index: 3 }, aborted.signal)).rejects.toMatchObject({ code: 'cancelled' });
    await new Promise((r) => setTimeout(r, 20));
    expect(engine.calls.length).toBe(2);
  });

  it('the typed client passes `{ signal }` through to the transport', async () => {
    const { engine, client } = relayed();
    const api = createApiClient(client);
    const controller = new AbortController();
    const pending = api.getAppInfo({}, { signal: controller.signal });
    await until(() => engine.calls.length === 1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    await until(() => engine.calls[0].signal!.aborted);
  });

  it('forwards engine events to every subscriber until it unsubscribes', async () => {
    const { engine, client } = relayed();
    const seen: ApiEvent[] = [];
    const other: ApiEvent[] = [];
    const stop = client.subscribe((e) => seen.push(e));
    client.subscribe((e) => other.push(e));
    engine.emit({ type: 'log', level: 'info', message: 'one' });
    await until(() => seen.length === 1 && other.length === 1);
    stop();
    engine.emit({ type: 'log', level: 'info', message: 'two' });
    await until(() => other.length === 2);
    expect(seen).toEqual([{ type: 'log', level: 'info', message: 'one' }]);
    expect(other[1]).toEqual({ type: 'log', level: 'info', message: 'two' });
  });
});
