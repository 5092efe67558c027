// IPC with a mocked `electron`: the bridge validates every sender and payload, the shell answers
// its own methods through the contract's schemas, and the preload exposes three functions only.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEY, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/api/bridge';
import type { RpcResponse } from '../../src-shared/api/rpc';
import type { IpcBridgeOptions } from './ipc-bridge';
import { IPC_DROP_CHANNEL } from './shell-channels';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async () => ({ kind: 'result', id: 1, value: 'ok' }));
const send = vi.fn();
const listeners = new Map<string, (...args: unknown[]) => void>();
const windowListeners = new Map<string, (event: unknown) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...(args as [])),
    send: (...args: unknown[]) => send(...args),
    on: (channel: string, handler: (...args: unknown[]) => void) => listeners.set(channel, handler),
    removeListener: (channel: string) => listeners.delete(channel),
  },
  webUtils: { getPathForFile: (file: { fakePath: string }) => file.fakePath },
}));
// The sandboxed preload sees the page's window (its DOM, not its JS).
vi.stubGlobal('window', { addEventListener: (name: string, fn: (event: unknown) => void, capture: boolean) => capture && windowListeners.set(name, fn) });

const appFrame = { senderFrame: { url: 'app://prunelens/index.html', parent: null } };
const foreignFrames = [
  { senderFrame: { url: 'https://evil.example/', parent: null } },
  { senderFrame: { url: 'app://prunelens/index.html', parent: { url: 'app://prunelens/index.html' } } },
  { senderFrame: null },
];

async function bridge(options: Partial<IpcBridgeOptions> = {}) {
  const { registerIpcBridge } = await import('./ipc-bridge');
  const { isTrustedSender } = await import('./sender-validation');
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const forward = vi.fn(async (): Promise<RpcResponse> => ({ kind: 'result', id: 7, value: { dir: '/b' } }));
  registerIpcBridge({ handle: (channel: string, fn: never) => handlers.set(channel, fn), on: (channel: string, fn: never) => handlers.set(channel, fn) } as never, {
    isTrusted: isTrustedSender,
    forward,
    ...options,
  });
  const call = (event: unknown, method: unknown, input: unknown) => handlers.get(IPC_CALL_CHANNEL)!(event, method, input) as Promise<RpcResponse>;
  const drop = (event: unknown, paths: unknown) => handlers.get(IPC_DROP_CHANNEL)!(event, paths);
  return { call, drop, forward };
}

describe('IPC bridge', () => {
  it('refuses foreign frames and unknown methods without reaching the engine', async () => {
    const onCall = vi.fn();
    const { call, forward } = await bridge({ onCall });
    for (const frame of foreignFrames) expect(await call(frame, 'openBundle', { path: '/' })).toMatchObject({ kind: 'error', error: { code: 'forbidden' } });
    expect(onCall).not.toHaveBeenCalled();
    for (const method of ['shell.openExternal', '__proto__', 'constructor', 42]) {
      expect(await call(appFrame, method, {})).toMatchObject({ kind: 'error', error: { code: 'bad-request' } });
    }
    expect(forward).not.toHaveBeenCalled();
    expect(await call(appFrame, 'openBundle', { path: '/b' })).toEqual({ kind: 'result', id: 7, value: { dir: '/b' } });
    expect(forward).toHaveBeenCalledWith('openBundle', { path: '/b' });
    expect(onCall).toHaveBeenCalled();
  });

  it('answers shell methods itself, schema-checked, and lets results be observed', async () => {
    const restartEngine = vi.fn(async () => ({ restarted: true }));
    const onResult = vi.fn();
    const { call, forward } = await bridge({ local: { restartEngine }, onResult });
    expect(await call(appFrame, 'restartEngine', { force: true })).toMatchObject({ kind: 'error', error: { code: 'bad-request', message: /restartEngine/ } });
    expect(restartEngine).not.toHaveBeenCalled();
    expect(await call(appFrame, 'restartEngine', {})).toMatchObject({ kind: 'result', value: { restarted: true } });
    expect(forward).not.toHaveBeenCalled();
    await call(appFrame, 'openBundle', { path: '/b' });
    expect(onResult).toHaveBeenCalledWith('openBundle', { dir: '/b' });
    expect(onResult).toHaveBeenCalledWith('restartEngine', { restarted: true });
  });

  it('lets the shell fill inputs before forwarding (settings defaults)', async () => {
    const { call, forward } = await bridge({ prepare: (method, input) => (method === 'startAnalysis' ? { ...(input as object), ep: 'cuda' } : input) });
    await call(appFrame, 'startAnalysis', { path: '/b' });
    expect(forward).toHaveBeenCalledWith('startAnalysis', { path: '/b', ep: 'cuda' });
  });

  it('accepts drops only from our page, and only absolute, bounded paths', async () => {
    const onDrop = vi.fn();
    const { drop } = await bridge({ onDrop });
    for (const frame of foreignFrames) drop(frame, ['/data/bundle']);
    drop(appFrame, 'not-an-array');
    drop(appFrame, ['relative/path', '', 'x'.repeat(5000), '/a\0b', 42]);
    expect(onDrop).not.toHaveBeenCalled();
    drop(appFrame, ['relative', '/data/bundle', 'C:\\data\\b.plbundle', ...Array.from({ length: 30 }, (_, i) => `/d/${i}`)]);
    expect(onDrop).toHaveBeenCalledTimes(1);
    const paths = onDrop.mock.calls[0][0] as string[];
    expect(paths.slice(0, 2)).toEqual(['/data/bundle', 'C:\\data\\b.plbundle']);
    expect(paths).toHaveLength(16);
  });

  it('broadcasts events to live webContents only', async () => {
    const { broadcastEvent } = await import('./ipc-bridge');
    const live = { send: vi.fn(), isDestroyed: () => false };
    const dead = { send: vi.fn(), isDestroyed: () => true };
    broadcastEvent([live, dead], { type: 'export-request' });
    expect(live.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, { type: 'export-request' });
    expect(dead.send).not.toHaveBeenCalled();
  });
});

describe('preload', () => {
  beforeEach(() => {
    invoke.mockClear();
    send.mockClear();
    listeners.clear();
  });

  it('exposes exactly three functions, call, cancel and onEvent', async () => {
    await import('./preload');
    const exposedBridge = exposed[BRIDGE_KEY] as Record<string, unknown>;
    expect(Object.keys(exposed)).toEqual([BRIDGE_KEY]);
    expect(Object.keys(exposedBridge).sort()).toEqual(['call', 'cancel', 'onEvent']);
    expect(Object.values(exposedBridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('forwards calls on one channel and delivers events (not the IPC event object) until unsubscribed', async () => {
    await import('./preload');
    const exposedBridge = exposed[BRIDGE_KEY] as { call(m: string, i: unknown): Promise<unknown>; onEvent(l: (e: unknown) => void): () => void };
    await exposedBridge.call('openBundle', { path: '/b' });
    expect(invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'openBundle', { path: '/b' });
    const seen: unknown[] = [];
    const off = exposedBridge.onEvent((e) => seen.push(e));
    listeners.get(IPC_EVENT_CHANNEL)!({ sender: 'ipc-event-object-must-not-leak' }, { type: 'log', level: 'info', message: 'hi' });
    expect(seen).toEqual([{ type: 'log', level: 'info', message: 'hi' }]);
    off();
    expect(listeners.has(IPC_EVENT_CHANNEL)).toBe(false);
  });

  it('turns dropped files and folders into their paths for the main process, without navigating', async () => {
    await import('./preload');
    const files = [{ fakePath: '/data/resnet-bundle' }, { fakePath: '' }, { fakePath: '/data/other.plbundle' }];
    const dragover = { dataTransfer: { types: ['Files'] }, preventDefault: vi.fn() };
    windowListeners.get('dragover')!(dragover);
    expect(dragover.preventDefault).toHaveBeenCalled();
    const drop = { dataTransfer: { types: ['Files'], files }, preventDefault: vi.fn() };
    windowListeners.get('drop')!(drop);
    expect(drop.preventDefault).toHaveBeenCalled();
    expect(send).toHaveBeenCalledWith(IPC_DROP_CHANNEL, ['/data/resnet-bundle', '/data/other.plbundle']);
    // Text being dragged inside the page is left alone.
    const text = { dataTransfer: { types: ['text/plain'], files: [] }, preventDefault: vi.fn() };
    windowListeners.get('drop')!(text);
    windowListeners.get('dragover')!(text);
    expect(text.preventDefault).not.toHaveBeenCalled();
    expect(send).toHaveBeenCalledTimes(1);
  });
});
