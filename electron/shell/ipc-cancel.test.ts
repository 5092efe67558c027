// Cancelling a call in the desktop app, with a mocked `electron`: the page's `cancel(id)` goes
// through the preload and the IPC bridge (sender-validated, per page) to the engine process as an
// RpcCancel, which aborts that call's signal in the engine (engine-port.ts) — the same chain
// serve mode's cancel frames drive. The engine is a stand-in whose projection waits for its signal.
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEY, IPC_CALL_CHANNEL, IPC_CANCEL_CHANNEL } from '../../src-shared/api/bridge';
import type { PreloadBridge } from '../../src-shared/api/bridge';
import { PruneLensError } from '../../src-shared/base/errors';
import type { CallContext, RpcResponse } from '../../src-shared/api/rpc';

const appEvent = { senderFrame: { url: 'app://prunelens/index.html', parent: null }, sender: { id: 1 } };
const handlers = new Map<string, (...args: unknown[]) => unknown>();
const exposed: Record<string, unknown> = {};

class FakeProcess extends EventEmitter {
  posted: unknown[] = [];
  deliver: ((message: { data: unknown }) => void) | null = null;
  postMessage(message: unknown) {
    this.posted.push(message);
    queueMicrotask(() => this.deliver?.({ data: message }));
  }
  kill() {
    return true;
  }
}
const spawned: FakeProcess[] = [];
const engineSignals: AbortSignal[] = [];

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => handlers.get(channel)!(appEvent, ...args),
    send: (channel: string, ...args: unknown[]) => void handlers.get(channel)!(appEvent, ...args),
    on: () => {},
    removeListener: () => {},
  },
  webUtils: { getPathForFile: () => '' },
  utilityProcess: { fork: () => (spawned.push(new FakeProcess()), spawned.at(-1)) },
}));
vi.stubGlobal('window', { addEventListener: () => {} });

/** The engine's side: a projection that runs until its signal aborts. */
const fakeEngine = {
  subscribe: () => () => {},
  async getAppInfo() {
    return { version: 'test' };
  },
  getProjection(_input: unknown, context?: CallContext) {
    engineSignals.push(context!.signal!);
    return new Promise((_, reject) => context!.signal!.addEventListener('abort', () => reject(new PruneLensError('cancelled', 'Cancelled.')), { once: true }));
  },
};

let page: PreloadBridge;
beforeAll(async () => {
  const { serveEngineOverPort } = await import('../engine/engine-port');
  const { startEngineProcess } = await import('./engine-process');
  const { registerIpcBridge } = await import('./ipc-bridge');
  const { isTrustedSender } = await import('./sender-validation');
  const engine = startEngineProcess({ entry: '/app/engine-host.mjs', env: () => ({}), onEvent: () => {} });
  registerIpcBridge({ handle: (channel: string, fn: never) => handlers.set(channel, fn), on: (channel: string, fn: never) => handlers.set(channel, fn) } as never, {
    isTrusted: isTrustedSender,
    forward: (method, input, signal) => engine.call(method, input, signal),
  });
  engine.call('getAppInfo', {}); // spawns the process: wire the engine to it
  serveEngineOverPort(fakeEngine as never, { on: (_event, listener) => (spawned[0].deliver = listener), postMessage: (message) => spawned[0].emit('message', message) });
  await import('./preload');
  page = exposed[BRIDGE_KEY] as PreloadBridge;
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const projectionInput = { path: '/b', modelId: 'dense', setId: 'clean', dims: 3 };

describe('cancel over IPC', () => {
  it('exposes call, cancel and onEvent only', () => {
    expect(Object.keys(page).sort()).toEqual(['call', 'cancel', 'onEvent']);
  });

  it('stops the call in the engine: the page\'s cancel aborts its signal there and the call answers `cancelled`', async () => {
    const pending = page.call('getProjection', projectionInput, 5);
    await settle();
    expect(engineSignals).toHaveLength(1);
    expect(engineSignals[0].aborted).toBe(false);
    page.cancel(5);
    const response = (await pending) as RpcResponse;
    expect(response).toMatchObject({ kind: 'error', error: { code: 'cancelled' } });
    await settle();
    expect(engineSignals[0].aborted).toBe(true);
    const call = spawned[0].posted.find((m) => (m as { method?: string }).method === 'getProjection') as { id: number };
    expect(spawned[0].posted).toContainEqual({ kind: 'cancel', id: call.id });
  });

  it('ignores a cancel from a foreign frame, from another page, or for an unknown id', async () => {
    const pending = page.call('getProjection', projectionInput, 6);
    await settle();
    const signal = engineSignals.at(-1)!;
    const cancel = handlers.get(IPC_CANCEL_CHANNEL)!;
    cancel({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 1 } }, 6);
    cancel({ ...appEvent, sender: { id: 2 } }, 6); // the same id from another window is another call
    cancel(appEvent, 7);
    cancel(appEvent, '6');
    await settle();
    expect(signal.aborted).toBe(false);
    page.cancel(6);
    await expect(pending).resolves.toMatchObject({ kind: 'error', error: { code: 'cancelled' } });
  });

  it('leaves calls without an id as they were: not cancellable, answered normally', async () => {
    const response = await (handlers.get(IPC_CALL_CHANNEL)!(appEvent, 'getAppInfo', {}) as Promise<RpcResponse>);
    expect(response).toMatchObject({ kind: 'result', value: { version: 'test' } });
  });
});
