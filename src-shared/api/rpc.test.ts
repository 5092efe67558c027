import { describe, expect, it, vi } from 'vitest';
import { apiMethodNames } from './contract';
import type { PruneLensApi } from './contract';
import { PruneLensError } from '../base/errors';
import { createApiClient, dispatchRequest, EventHub, PendingCalls } from './rpc';

const notInThisTest = Object.fromEntries(apiMethodNames.map((name) => [name, async () => { throw new Error(`${name} is not used in this test`); }])) as unknown as PruneLensApi;

const fakeApi = (overrides: Partial<PruneLensApi> = {}): PruneLensApi => ({
  ...notInThisTest,
  getAppInfo: async () => ({ name: 'PruneLens', version: '0', transport: 'in-process', executionProviders: ['cpu'] }),
  getStartupBundle: async () => ({ path: null }),
  openBundle: async ({ path }) => {
    throw new PruneLensError('not-found', `Bundle not found: ${path}`, { file: path });
  },
  ...overrides,
});

describe('contract-derived RPC', () => {
  it('builds a client with exactly the contract methods, each forwarding name, input and the optional signal', async () => {
    const call = vi.fn(async () => 'value');
    const client = createApiClient({ call, subscribe: () => () => {} });
    for (const name of apiMethodNames) expect(typeof client[name]).toBe('function');
    await client.openBundle({ path: '/x' });
    expect(call).toHaveBeenCalledWith('openBundle', { path: '/x' }, undefined);
    const { signal } = new AbortController();
    await client.getAppInfo({}, { signal });
    expect(call).toHaveBeenLastCalledWith('getAppInfo', {}, signal);
  });

  it('dispatches a valid call and returns its value', async () => {
    const response = await dispatchRequest(fakeApi(), { kind: 'call', id: 3, method: 'getStartupBundle', input: {} });
    expect(response).toEqual({ kind: 'result', id: 3, value: { path: null } });
  });

  it('turns thrown PruneLensErrors into error responses with code and details', async () => {
    const response = await dispatchRequest(fakeApi(), { kind: 'call', id: 4, method: 'openBundle', input: { path: '/nope' } });
    expect(response).toEqual({ kind: 'error', id: 4, error: { code: 'not-found', message: 'Bundle not found: /nope', details: { file: '/nope' } } });
  });

  it('rejects unknown methods, prototype names and schema-invalid input before calling the engine', async () => {
    const openBundle = vi.fn();
    const api = fakeApi({ openBundle });
    for (const method of ['deleteEverything', 'constructor', '__proto__', 'toString']) {
      const response = await dispatchRequest(api, { kind: 'call', id: 1, method, input: {} });
      expect(response).toMatchObject({ kind: 'error', error: { code: 'bad-request' } });
    }
    const bad = await dispatchRequest(api, { kind: 'call', id: 2, method: 'openBundle', input: { path: 42 } });
    expect(bad).toMatchObject({ kind: 'error', id: 2, error: { code: 'bad-request', message: expect.stringMatching(/openBundle at path/) } });
    const extra = await dispatchRequest(api, { kind: 'call', id: 2, method: 'openBundle', input: { path: '/a', evil: true } });
    expect(extra).toMatchObject({ kind: 'error', error: { code: 'bad-request' } });
    expect(openBundle).not.toHaveBeenCalled();
    expect(await dispatchRequest(api, 'garbage')).toMatchObject({ kind: 'error', id: -1, error: { code: 'bad-request' } });
  });

  it('maps unexpected exceptions to internal errors without losing the message', async () => {
    const api = fakeApi({ getAppInfo: async () => { throw new TypeError('boom'); } });
    expect(await dispatchRequest(api, { kind: 'call', id: 9, method: 'getAppInfo', input: {} })).toEqual({ kind: 'error', id: 9, error: { code: 'internal', message: 'boom' } });
  });

  it('settles pending calls by id and fails the rest when the transport closes', async () => {
    const pending = new PendingCalls();
    const a = pending.open();
    const b = pending.open();
    pending.settle({ kind: 'result', id: a.id, value: 1 });
    await expect(a.result).resolves.toBe(1);
    pending.failAll(new PruneLensError('unavailable', 'closed'));
    await expect(b.result).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const hub = new EventHub();
    const seen: string[] = [];
    const off = hub.subscribe((e) => seen.push(e.type));
    hub.emit({ type: 'log', level: 'info', message: 'a' });
    off();
    hub.emit({ type: 'log', level: 'info', message: 'b' });
    expect(seen).toEqual(['log']);
  });
});
