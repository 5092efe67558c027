// Process and window lifecycle with a mocked `electron`: the engine's utilityProcess (crash,
// out of memory, restart), the single-instance hand-off, and event delivery to the page.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../src-shared/api/contract';
import { IPC_EVENT_CHANNEL } from '../../src-shared/api/bridge';
import { createMainWindow } from './main-window';
import { bundleArgument, setupSingleInstance } from './single-instance';
import { defaultWindowState } from './window-state';

class FakeProcess extends EventEmitter {
  posted: unknown[] = [];
  killed = false;
  constructor(readonly env: Record<string, string>) {
    super();
  }
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed = true;
    return true;
  }
}
const spawned: FakeProcess[] = [];
vi.mock('electron', () => ({
  utilityProcess: { fork: (_entry: string, _args: string[], options: { env: Record<string, string> }) => (spawned.push(new FakeProcess(options.env)), spawned.at(-1)) },
}));

describe('engine process', () => {
  beforeEach(() => void (spawned.length = 0));

  async function engine() {
    const { startEngineProcess } = await import('./engine-process');
    const events: ApiEvent[] = [];
    let cacheDir = '/cache/a';
    const proc = startEngineProcess({ entry: '/app/engine-host.mjs', env: () => ({ PRUNELENS_CACHE: cacheDir }), onEvent: (e) => events.push(e) });
    return { proc, events, setCache: (dir: string) => (cacheDir = dir) };
  }
  const answer = (child: FakeProcess, index = 0) => {
    const call = child.posted[index] as { id: number };
    child.emit('message', { kind: 'result', id: call.id, value: 'ok' });
  };

  it('spawns lazily once, speaks RPC, and forwards engine events', async () => {
    const { proc, events } = await engine();
    expect(spawned).toHaveLength(0);
    const first = proc.call('getAppInfo', {});
    const second = proc.call('openBundle', { path: '/b' });
    expect(spawned).toHaveLength(1);
    expect(spawned[0].posted).toEqual([{ kind: 'call', id: 1, method: 'getAppInfo', input: {} }, { kind: 'call', id: 2, method: 'openBundle', input: { path: '/b' } }]);
    answer(spawned[0], 1);
    answer(spawned[0], 0);
    await expect(first).resolves.toEqual({ kind: 'result', id: 1, value: 'ok' });
    await expect(second).resolves.toEqual({ kind: 'result', id: 2, value: 'ok' });
    spawned[0].emit('message', { kind: 'event', event: { type: 'analysis-ready', bundleDir: '/b' } });
    expect(events).toEqual([{ type: 'analysis-ready', bundleDir: '/b' }]);
  });

  it('reports a crash to the UI, fails calls in flight, and starts afresh on the next call', async () => {
    const { proc, events, setCache } = await engine();
    const pending = proc.call('startAnalysis', { path: '/b' });
    spawned[0].emit('exit', 1);
    await expect(pending).resolves.toMatchObject({ kind: 'error', error: { code: 'unavailable', message: /crashed.*cached/ } });
    expect(events).toEqual([{ type: 'engine-crashed', reason: 'crashed', exitCode: 1, message: expect.stringMatching(/restart the engine/) }]);
    setCache('/cache/b');
    void proc.call('getRunStatus', { path: '/b' });
    expect(spawned).toHaveLength(2);
    expect(spawned[1].env.PRUNELENS_CACHE).toBe('/cache/b'); // settings are read at every spawn
  });

  it('tells out-of-memory and killed apart from other crashes', async () => {
    const { proc, events } = await engine();
    void proc.call('getAppInfo', {});
    spawned[0].emit('error', 'FatalError', 'Reached heap limit Allocation failed - JavaScript heap out of memory', '{}');
    spawned[0].emit('exit', 133);
    void proc.call('getAppInfo', {});
    spawned[1].emit('exit', 137);
    expect(events.map((e) => e.type === 'engine-crashed' && e.reason)).toEqual(['out-of-memory', 'killed']);
    expect((events[0] as { message: string }).message).toMatch(/ran out of memory/);
  });

  it('restarts on request: old process killed, its late messages and exit ignored, no crash reported', async () => {
    const { proc, events } = await engine();
    const pending = proc.call('startAnalysis', { path: '/b' });
    const old = spawned[0];
    proc.restart();
    expect(old.killed).toBe(true);
    expect(spawned).toHaveLength(2);
    await expect(pending).resolves.toMatchObject({ kind: 'error', error: { code: 'unavailable', message: /restarted/ } });
    old.emit('message', { kind: 'event', event: { type: 'log', level: 'info', message: 'from the old one' } });
    old.emit('exit', 0);
    expect(events).toEqual([{ type: 'engine-restarted' }]);
    void proc.call('getAppInfo', {});
    expect(spawned[1].posted).toHaveLength(1);
    proc.dispose();
    expect(spawned[1].killed).toBe(true);
  });
});

describe('single instance', () => {
  it('finds the bundle on a command line, packaged or not, skipping switches', () => {
    expect(bundleArgument(['/opt/PruneLens/prunelens-desktop', '--no-sandbox', 'bundles/resnet'], '/home/u', true)).toBe('/home/u/bundles/resnet');
    expect(bundleArgument(['/usr/bin/electron', 'dist/electron/main.cjs', '/data/b.plbundle'], '/x', false)).toBe('/data/b.plbundle');
    expect(bundleArgument(['/usr/bin/electron', 'dist/electron/main.cjs'], '/x', false)).toBeNull();
    expect(bundleArgument(['/opt/PruneLens/prunelens-desktop', '--allow-file-access-from-files'], '/x', true)).toBeNull();
  });

  it('quits a second instance, and the first opens its bundle', () => {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    const app = (lock: boolean) => ({ requestSingleInstanceLock: () => lock, on: (name: string, fn: never) => handlers.set(name, fn), isPackaged: true }) as never;
    const openPath = vi.fn();
    const focus = vi.fn();
    expect(setupSingleInstance(app(false), { openPath, focus })).toBe(false);
    expect(handlers.size).toBe(0);
    expect(setupSingleInstance(app(true), { openPath, focus })).toBe(true);
    handlers.get('second-instance')!({}, ['/opt/PruneLens/prunelens-desktop', 'bundles/vgg'], '/home/u');
    expect(focus).toHaveBeenCalledTimes(1);
    expect(openPath).toHaveBeenCalledWith('/home/u/bundles/vgg');
    handlers.get('second-instance')!({}, ['/opt/PruneLens/prunelens-desktop'], '/home/u');
    expect(focus).toHaveBeenCalledTimes(2);
    expect(openPath).toHaveBeenCalledTimes(1);
    const event = { preventDefault: vi.fn() };
    handlers.get('open-file')!(event, '/Users/u/x.plbundle'); // macOS file association
    expect(event.preventDefault).toHaveBeenCalled();
    expect(openPath).toHaveBeenLastCalledWith('/Users/u/x.plbundle');
  });
});

describe('main window', () => {
  function fakeWindowClass() {
    const created: { options: Record<string, unknown>; sent: unknown[]; contents: EventEmitter; instance: Record<string, unknown> }[] = [];
    class FakeWindow extends EventEmitter {
      webContents: EventEmitter & { send?: (channel: string, event: unknown) => void };
      maximized = false;
      minimized = true;
      url = '';
      constructor(options: Record<string, unknown>) {
        super();
        const sent: unknown[] = [];
        this.webContents = Object.assign(new EventEmitter(), { send: (channel: string, event: unknown) => sent.push([channel, event]) });
        created.push({ options, sent, contents: this.webContents, instance: this as unknown as Record<string, unknown> });
      }
      maximize = () => void (this.maximized = true);
      isDestroyed = () => false;
      isMinimized = () => this.minimized;
      restore = vi.fn(() => void (this.minimized = false));
      show = vi.fn();
      focus = vi.fn();
      loadURL = vi.fn(async (url: string) => void (this.url = url));
      getNormalBounds = () => ({ x: 0, y: 0, width: 1000, height: 700 });
      isMaximized = () => this.maximized;
      isFullScreen = () => false;
    }
    return { FakeWindow, created };
  }

  it('opens the app page with remembered bounds and holds shell events until the page calls', () => {
    const { FakeWindow, created } = fakeWindowClass();
    const state = { file: '', recovered: null, get: () => ({ ...defaultWindowState, x: 50, y: 60, maximized: true }), set: vi.fn((v) => v) };
    const settingsEvent: ApiEvent = { type: 'settings-changed', settings: { executionProvider: 'cpu', cacheDir: null, sampleLimit: null, theme: 'dark' } };
    const main = createMainWindow(FakeWindow as never, { preloadPath: '/app/preload.cjs', url: 'app://prunelens/index.html', state, workAreas: () => [{ x: 0, y: 0, width: 1920, height: 1080 }], initialEvents: () => [settingsEvent] });
    const [{ options, sent, contents, instance }] = created;
    expect(options).toMatchObject({ x: 50, y: 60, width: 1440, height: 900, webPreferences: { sandbox: true, contextIsolation: true, preload: '/app/preload.cjs' } });
    expect(instance.maximized).toBe(true);
    expect(instance.url).toBe('app://prunelens/index.html');

    main.send({ type: 'open-bundle-request', path: '/b' });
    main.send({ type: 'job-progress', jobId: 'j', label: 'x', done: 1, total: 2, ratePerSecond: 1, etaSeconds: 1 }, { queue: false });
    expect(sent).toEqual([]);
    main.pageCalled();
    expect(sent).toEqual([[IPC_EVENT_CHANNEL, settingsEvent], [IPC_EVENT_CHANNEL, { type: 'open-bundle-request', path: '/b' }]]);
    main.pageCalled(); // once per load
    main.send({ type: 'export-request' });
    expect(sent).toHaveLength(3);

    contents.emit('did-start-loading'); // reload: wait for the new page again
    main.send({ type: 'new-bundle-request' });
    expect(sent).toHaveLength(3);
    main.pageCalled();
    expect(sent.slice(3)).toEqual([[IPC_EVENT_CHANNEL, settingsEvent], [IPC_EVENT_CHANNEL, { type: 'new-bundle-request' }]]);

    main.reveal();
    expect(instance.restore).toHaveBeenCalled();
    expect(instance.focus).toHaveBeenCalled();
    (instance as unknown as EventEmitter).emit('close');
    expect(state.set).toHaveBeenCalledWith({ x: 0, y: 0, width: 1000, height: 700, maximized: true });
  });
});
