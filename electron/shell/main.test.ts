// main.ts wired end to end against a mocked `electron`: sandbox, app:// scheme, session rules,
// the secure window, the menu, IPC to the engine process, recent bundles, restart, second launch.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/api/bridge';

const h = vi.hoisted(() => {
  const userData = { dir: '' };
  const order: string[] = [];
  const appEvents = new Map<string, (...args: unknown[]) => void>();
  const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: { options: Record<string, unknown>; sent: unknown[]; url: string; framePorts: [string, number][]; emit(name: string): void }[] = [];
  const processes: { env: Record<string, string>; ports: unknown[]; posted: { id: number; method: string; input: unknown }[]; emit(name: string, ...args: unknown[]): void; killed: boolean }[] = [];
  const menus: unknown[] = [];
  return { userData, order, appEvents, ipcHandlers, windows, processes, menus, protocolHandlers: new Map<string, unknown>(), session: { permission: undefined as unknown, beforeRequest: undefined as unknown }, theme: { themeSource: '' } };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeWindow extends Emitter {
    webContents = Object.assign(new Emitter(), {
      send: (channel: string, event: unknown) => this.record.sent.push([channel, event]),
      isDestroyed: () => false,
      mainFrame: { url: '', parent: null, postMessage: (channel: string, _message: unknown, ports: unknown[] = []) => this.record.framePorts.push([channel, ports.length]) },
    });
    record: { options: Record<string, unknown>; sent: unknown[]; url: string; framePorts: [string, number][]; emit(name: string): void };
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, sent: [], url: '', framePorts: [], emit: (name) => this.webContents.emit(name) };
      h.windows.push(this.record);
    }
    loadURL = async (url: string) => void (this.record.url = this.webContents.mainFrame.url = url);
    isDestroyed = () => false;
    isMinimized = () => false;
    show() {}
    focus() {}
    maximize() {}
  }
  class FakeProcess extends Emitter {
    posted: { id: number; method: string; input: unknown }[] = [];
    ports: unknown[] = [];
    killed = false;
    constructor(readonly env: Record<string, string>) {
      super();
    }
    postMessage(message: { id: number; method: string; input: unknown }, ports: unknown[] = []) {
      this.posted.push(message);
      this.ports.push(...ports);
      // A tiny engine: answers what the shell itself asks for.
      if (message.method === 'listExecutionProviders') queueMicrotask(() => this.emit('message', { kind: 'result', id: message.id, value: { available: ['cpu', 'cuda'], default: 'cpu' } }));
    }
    kill() {
      this.killed = true;
    }
  }
  return {
    app: {
      isPackaged: false,
      enableSandbox: () => h.order.push('enableSandbox'),
      requestSingleInstanceLock: () => true,
      whenReady: () => (h.order.push('whenReady'), Promise.resolve()),
      getPath: (name: string) => (expect(name).toBe('userData'), h.userData.dir),
      getVersion: () => '0.1.0',
      on: (name: string, fn: (...args: unknown[]) => void) => h.appEvents.set(name, fn),
      quit: () => h.order.push('quit'),
      addRecentDocument: () => undefined,
      clearRecentDocuments: () => undefined,
    },
    BrowserWindow: FakeWindow,
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showMessageBox: async () => ({ response: 0 }) },
    ipcMain: { handle: (channel: string, fn: never) => h.ipcHandlers.set(channel, fn), on: (channel: string, fn: never) => h.ipcHandlers.set(channel, fn) },
    MessageChannelMain: class {
      port1 = { end: 'engine' };
      port2 = { end: 'page' };
    },
    Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: (menu: unknown) => h.menus.push(menu) },
    nativeTheme: h.theme,
    protocol: {
      registerSchemesAsPrivileged: () => h.order.push('registerScheme'),
      handle: (scheme: string, fn: unknown) => h.protocolHandlers.set(scheme, fn),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: unknown) => (h.session.permission = fn),
        setPermissionCheckHandler: () => undefined,
        webRequest: { onBeforeRequest: (filter: unknown) => (h.session.beforeRequest = filter) },
      },
    },
    utilityProcess: {
      fork: (_entry: string, _args: string[], options: { env: Record<string, string> }) => {
        const proc = new FakeProcess(options.env);
        h.processes.push(proc as never);
        return proc;
      },
    },
  };
});

const appFrame = { senderFrame: { url: 'app://prunelens/index.html', parent: null } };
const call = (method: string, input: unknown) => h.ipcHandlers.get(IPC_CALL_CHANNEL)!(appFrame, method, input) as Promise<unknown>;
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('main process wiring', () => {
  beforeAll(async () => {
    h.userData.dir = mkdtempSync(path.join(tmpdir(), 'prunelens-main-'));
    const argv = process.argv;
    process.argv = ['/usr/bin/electron', 'dist/electron/main.cjs', '/data/bundles/startup'];
    await import('./main');
    process.argv = argv;
    await settle();
  });

  it('enables the sandbox and registers app:// before the app is ready', () => {
    expect(h.order.slice(0, 3)).toEqual(['registerScheme', 'enableSandbox', 'whenReady']);
    expect(h.protocolHandlers.has('app')).toBe(true);
    expect(h.session.permission).toBeTypeOf('function');
    expect(h.session.beforeRequest).toMatchObject({ urls: expect.arrayContaining(['https://*/*']) });
    expect(h.appEvents.has('web-contents-created')).toBe(true);
  });

  it('opens one sandboxed window on app://prunelens/index.html and sets the menu', () => {
    expect(h.windows).toHaveLength(1);
    expect(h.windows[0].url).toBe('app://prunelens/index.html');
    expect(h.windows[0].options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(h.menus.length).toBeGreaterThan(0);
    const labels = (h.menus.at(-1) as { template: { label: string }[] }).template.map((m) => m.label);
    expect(labels).toEqual(['File', 'Edit', 'View', 'Engine', 'Help']);
  });

  it('starts the engine with the command-line bundle and lists its execution providers in the menu', () => {
    expect(h.processes).toHaveLength(1);
    expect(h.processes[0].env.PRUNELENS_STARTUP_BUNDLE).toBe('/data/bundles/startup');
    const engine = (h.menus.at(-1) as { template: { label: string; submenu: { label: string; submenu?: { label: string }[] }[] }[] }).template.find((m) => m.label === 'Engine')!;
    expect(engine.submenu[0].submenu!.map((i) => i.label)).toEqual(['cpu', 'cuda']);
  });

  it('forwards calls, fills analysis defaults, records opened bundles as recent', async () => {
    const engine = h.processes[0];
    const opened = call('openBundle', { path: '/data/bundles/vgg' });
    await settle();
    const posted = engine.posted.at(-1)!;
    expect(posted).toMatchObject({ method: 'openBundle', input: { path: '/data/bundles/vgg' } });
    engine.emit('message', { kind: 'result', id: posted.id, value: { dir: '/data/bundles/vgg', name: 'vgg' } });
    await expect(opened).resolves.toMatchObject({ kind: 'result' });
    const recent = path.join(h.userData.dir, 'recent-bundles.json');
    expect(existsSync(recent) && JSON.parse(readFileSync(recent, 'utf8'))).toEqual({ bundles: ['/data/bundles/vgg'] });
    void call('startAnalysis', { path: '/data/bundles/vgg' });
    await settle();
    expect(engine.posted.at(-1)).toMatchObject({ method: 'startAnalysis', input: { path: '/data/bundles/vgg', ep: 'cpu' } });
  });

  it('sends settings first, then held requests, once the page has called', () => {
    const sent = h.windows[0].sent as [string, { type: string }][];
    expect(sent[0]).toEqual([IPC_EVENT_CHANNEL, { type: 'settings-changed', settings: expect.objectContaining({ theme: 'system' }) }]);
  });

  it('hands the engine process and the page one end each of a fresh bulk channel when the page loads', () => {
    const before = h.windows[0].framePorts.length;
    const engineEnds = h.processes[0].ports.length;
    h.windows[0].emit('did-finish-load');
    expect(h.windows[0].framePorts.slice(before)).toEqual([['prunelens:bulk-port', 1]]);
    expect(h.processes[0].ports.slice(engineEnds)).toEqual([{ end: 'engine' }]);
    expect(h.processes[0].posted.at(-1)).toEqual({ kind: 'bulk-port' });
  });

  it('restartEngine respawns the engine process and tells the page', async () => {
    await expect(call('restartEngine', {})).resolves.toEqual({ kind: 'result', id: 1, value: { restarted: true } });
    expect(h.processes[0].killed).toBe(true);
    expect(h.processes).toHaveLength(2);
    expect(h.processes[1].ports).toEqual([{ end: 'engine' }]); // the new process gets a fresh bulk port at once…
    expect(h.windows[0].framePorts.at(-1)).toEqual(['prunelens:bulk-port', 1]); // …and so does the page
    const sent = h.windows[0].sent as [string, { type: string }][];
    expect(sent.map(([, e]) => e.type)).toContain('engine-restarted');
  });

  it('a second launch with a bundle opens it in this window', () => {
    h.appEvents.get('second-instance')!({}, ['/usr/bin/electron', 'dist/electron/main.cjs', 'other-bundle'], '/home/u');
    const sent = h.windows[0].sent as [string, { type: string; path?: string }][];
    expect(sent.at(-1)).toEqual([IPC_EVENT_CHANNEL, { type: 'open-bundle-request', path: '/home/u/other-bundle' }]);
  });

  it('refuses IPC from another frame', async () => {
    const answer = await h.ipcHandlers.get(IPC_CALL_CHANNEL)!({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'openBundle', { path: '/' });
    expect(answer).toMatchObject({ kind: 'error', error: { code: 'forbidden' } });
  });

  it('stops the engine and quits when the window closes', () => {
    h.appEvents.get('window-all-closed')!();
    expect(h.processes[1].killed).toBe(true);
    expect(h.order.at(-1)).toBe('quit');
  });
});

