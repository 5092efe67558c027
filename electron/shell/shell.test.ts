// The shell with a mocked `electron` module: security settings, IPC sender validation, the
// preload's surface, the menu.
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEY, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/api/bridge';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async () => ({ kind: 'result', id: 1, value: 'ok' }));
const listeners = new Map<string, (...args: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...(args as [])),
    on: (channel: string, handler: (...args: unknown[]) => void) => listeners.set(channel, handler),
    removeListener: (channel: string) => listeners.delete(channel),
  },
  Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
}));

describe('main window security settings', () => {
  it('isolates the renderer: contextIsolation, sandbox, no Node, no webviews', async () => {
    const { mainWindowOptions } = await import('./window-options');
    const prefs = mainWindowOptions('/app/dist/electron/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });
});

describe('IPC sender validation', () => {
  const index = '/app/dist/renderer/index.html';
  const appUrl = pathToFileURL(index).href;

  it('accepts only the top frame of our own index.html', async () => {
    const { isTrustedSender } = await import('./sender-validation');
    expect(isTrustedSender({ url: appUrl, parent: null }, index)).toBe(true);
    expect(isTrustedSender({ url: appUrl + '#/views', parent: null }, index)).toBe(true);
    expect(isTrustedSender({ url: appUrl, parent: {} }, index)).toBe(false); // an iframe
    expect(isTrustedSender({ url: 'https://evil.example/index.html', parent: null }, index)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/other/index.html', parent: null }, index)).toBe(false);
    expect(isTrustedSender({ url: 'not a url', parent: null }, index)).toBe(false);
    expect(isTrustedSender(null, index)).toBe(false);
  });

  it('the bridge refuses a foreign frame and unknown methods without reaching the engine', async () => {
    const { registerIpcBridge } = await import('./ipc-bridge');
    const { isTrustedSender } = await import('./sender-validation');
    let handler: ((event: unknown, method: unknown, input: unknown) => Promise<unknown>) | undefined;
    const forward = vi.fn(async () => ({ kind: 'result' as const, id: 1, value: 42 }));
    registerIpcBridge({ handle: (channel: string, fn: never) => { expect(channel).toBe(IPC_CALL_CHANNEL); handler = fn; } } as never, {
      isTrusted: (frame) => isTrustedSender(frame, index),
      forward,
    });
    const foreign = await handler!({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'openBundle', { path: '/' });
    expect(foreign).toMatchObject({ kind: 'error', error: { code: 'forbidden' } });
    const unknown = await handler!({ senderFrame: { url: appUrl, parent: null } }, 'shell.openExternal', {});
    expect(unknown).toMatchObject({ kind: 'error', error: { code: 'bad-request' } });
    expect(forward).not.toHaveBeenCalled();
    expect(await handler!({ senderFrame: { url: appUrl, parent: null } }, 'getAppInfo', {})).toEqual({ kind: 'result', id: 1, value: 42 });
    expect(forward).toHaveBeenCalledWith('getAppInfo', {});
  });
});

describe('preload', () => {
  beforeEach(() => {
    invoke.mockClear();
    listeners.clear();
  });

  it('exposes exactly two functions, call and onEvent', async () => {
    await import('./preload');
    const bridge = exposed[BRIDGE_KEY] as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('forwards calls on one channel and delivers events until unsubscribed', async () => {
    await import('./preload');
    const bridge = exposed[BRIDGE_KEY] as { call(m: string, i: unknown): Promise<unknown>; onEvent(l: (e: unknown) => void): () => void };
    await bridge.call('openBundle', { path: '/b' });
    expect(invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'openBundle', { path: '/b' });
    const seen: unknown[] = [];
    const off = bridge.onEvent((e) => seen.push(e));
    listeners.get(IPC_EVENT_CHANNEL)!({ sender: 'ipc-event-object-must-not-leak' }, { type: 'log', level: 'info', message: 'hi' });
    expect(seen).toEqual([{ type: 'log', level: 'info', message: 'hi' }]);
    off();
    expect(listeners.has(IPC_EVENT_CHANNEL)).toBe(false);
  });
});

describe('navigation guard and menu', () => {
  it('blocks navigation away from the app, webviews and window.open', async () => {
    const { guardNavigation } = await import('./navigation-guard');
    const handlers = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    guardNavigation({ on: (name: string, fn: never) => handlers.set(name, fn), setWindowOpenHandler: (fn: never) => (openHandler = fn) } as never, (url) => url === 'file:///app/index.html');
    const prevented = (name: string, url?: string) => {
      const event = { preventDefault: vi.fn() };
      handlers.get(name)!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(prevented('will-navigate', 'https://evil.example')).toBe(true);
    expect(prevented('will-navigate', 'file:///app/index.html')).toBe(false);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('has File → Open Bundle… (Ctrl/Cmd+O) wired to the action', async () => {
    const { menuTemplate } = await import('./app-menu');
    const openBundle = vi.fn();
    const file = menuTemplate({ openBundle, quit: vi.fn() })[0];
    const item = (file.submenu as { label?: string; accelerator?: string; click?: () => void }[]).find((i) => i.label === 'Open Bundle…')!;
    expect(item.accelerator).toBe('CmdOrCtrl+O');
    item.click!();
    expect(openBundle).toHaveBeenCalled();
  });
});
