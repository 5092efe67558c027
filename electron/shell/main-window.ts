// The one main window: secure options, remembered bounds, and event delivery to its page.
// Shell events (open this bundle, settings) wait until a freshly loaded page has made its first
// API call: by then its subscriptions exist (they are set up in the same React commit), so
// nothing is sent into the void during start-up or a reload.
import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { IPC_EVENT_CHANNEL } from '../../src-shared/api/bridge';
import type { ApiEvent } from '../../src-shared/api/contract';
import type { JsonStore } from './json-store';
import { mainWindowOptions } from './window-options';
import { restoredBounds, trackWindowState } from './window-state';
import type { WindowState } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath?: string;
  url: string;
  state: JsonStore<WindowState>;
  workAreas(): Rectangle[];
  /** Events every freshly loaded page gets first (the current settings). */
  initialEvents(): ApiEvent[];
}

export interface MainWindow {
  readonly window: BrowserWindow;
  /** Sends now when the page is ready, else queues (`queue`) or drops (engine progress). */
  send(event: ApiEvent, options?: { queue?: boolean }): void;
  /** The page made an API call: it is ready; flush what waited. */
  pageCalled(): void;
  /** Restores, shows and focuses the window. */
  reveal(): void;
}

type WindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function createMainWindow(BrowserWindowClass: WindowConstructor, options: MainWindowOptions): MainWindow {
  const saved = options.state.get();
  const window = new BrowserWindowClass(mainWindowOptions(options.preloadPath, restoredBounds(saved, options.workAreas()), options.iconPath));
  if (saved.maximized) window.maximize();
  trackWindowState(window, options.state);

  let ready = false;
  let queued: ApiEvent[] = [];
  const deliver = (event: ApiEvent) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event);
  };
  window.webContents.on('did-start-loading', () => {
    ready = false;
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);

  return {
    window,
    send(event, { queue = true } = {}) {
      if (ready) deliver(event);
      else if (queue) queued.push(event);
    },
    pageCalled() {
      if (ready) return;
      ready = true;
      const pending = [...options.initialEvents(), ...queued];
      queued = [];
      for (const event of pending) deliver(event);
    },
    reveal() {
      if (window.isDestroyed()) return;
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    },
  };
}
