// Electron main process: wires one setupX() module per feature. No heavy work here: everything
// numeric happens in the engine's utilityProcess.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, nativeTheme, protocol, screen, session } from 'electron';
import type { ApiEvent } from '../../src-shared/api/contract';
import { installedVersion } from './about';
import { menuTemplate } from './app-menu';
import { APP_INDEX_URL, isAppPageUrl, registerAppScheme, setupAppProtocol } from './app-protocol';
import { createBulkPortBroker } from './bulk-port';
import { createDesktopActions } from './desktop-actions';
import { startEngineProcess } from './engine-process';
import { createReportExporter } from './print-report';
import { registerIpcBridge } from './ipc-bridge';
import { createMainWindow } from './main-window';
import type { MainWindow } from './main-window';
import { setupNavigationGuards } from './navigation-guard';
import { openRecentBundles } from './recent-bundles';
import { isTrustedSender } from './sender-validation';
import { setupSessionSecurity } from './session-security';
import { engineEnvironment, openSettings, withAnalysisDefaults } from './settings';
import { bundleArgument, setupSingleInstance } from './single-instance';
import { openWindowState } from './window-state';

const distDir = __dirname; // dist/electron (bundled)
const rootDir = path.join(distDir, '..', '..');
let startupBundle = bundleArgument(process.argv, process.cwd(), app.isPackaged) ?? path.join(rootDir, 'assets', 'demo');
let mainWindow: MainWindow | null = null;
let openPath = (bundle: string): void => {
  startupBundle = bundle; // until the window exists
};

registerAppScheme(protocol);
app.enableSandbox();
if (!setupSingleInstance(app, { openPath: (bundle) => openPath(bundle), focus: () => mainWindow?.reveal() })) app.quit();
else void app.whenReady().then(start);

function start(): void {
  const userData = app.getPath('userData');
  const log = (message: string) => console.warn(`[prunelens] ${message}`);
  const settings = openSettings(userData, log);
  nativeTheme.themeSource = settings.get().theme;
  setupSessionSecurity(session.defaultSession);
  setupAppProtocol(protocol, path.join(distDir, '..', 'renderer'));
  setupNavigationGuards(app, isAppPageUrl);

  let executionProviders = ['cpu'];
  const onEngineEvent = (event: ApiEvent) => {
    mainWindow?.send(event, { queue: event.type === 'engine-crashed' || event.type === 'engine-restarted' });
    if (event.type === 'engine-restarted') void refreshProviders();
  };
  const engine = startEngineProcess({
    entry: path.join(distDir, 'engine-host.mjs'),
    env: () => ({ PRUNELENS_STARTUP_BUNDLE: path.resolve(startupBundle), ...engineEnvironment(settings.get()) }),
    onEvent: onEngineEvent,
    onSpawn: () => bulkPorts.connect(), // a new engine process: the page's old bulk port is dead
  });
  const bulkPorts = createBulkPortBroker(MessageChannelMain, engine, () => mainWindow?.window.webContents ?? null);
  const refreshProviders = async () => {
    const response = await engine.call('listExecutionProviders', {});
    if (response.kind === 'result') executionProviders = (response.value as { available: string[] }).available;
    refreshMenu();
  };

  const recent = openRecentBundles(userData, app, () => refreshMenu(), log);
  const actions = createDesktopActions({
    dialog,
    window: () => mainWindow?.window ?? null,
    send: (event) => mainWindow?.send(event),
    reveal: () => mainWindow?.reveal(),
    settings,
    recent,
    engine,
    applyTheme: (theme) => (nativeTheme.themeSource = theme),
    refreshMenu: () => refreshMenu(),
    quit: () => app.quit(),
    aboutInfo: async () => {
      const providers = await engine.call('listExecutionProviders', {});
      return {
        app: app.getVersion(),
        electron: process.versions.electron,
        chrome: process.versions.chrome,
        node: process.versions.node,
        onnxruntime: installedVersion(distDir, 'onnxruntime-node'),
        providers: providers.kind === 'result' ? (providers.value as { available: string[]; default: string }) : { error: providers.error.message },
      };
    },
  });
  const refreshMenu = () =>
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ recent: recent.list(), settings: settings.get(), executionProviders, platform: process.platform }, actions)));

  registerIpcBridge(ipcMain, {
    isTrusted: isTrustedSender,
    onCall: () => mainWindow?.pageCalled(),
    forward: (method, input) => engine.call(method, input),
    local: {
      exportReport: createReportExporter((method, input) => engine.call(method, input), BrowserWindow),
      restartEngine: async () => {
        engine.restart();
        return { restarted: true };
      },
    },
    prepare: (method, input) => (method === 'startAnalysis' ? withAnalysisDefaults(input, settings.get()) : input),
    onResult: (method, value) => {
      if (method === 'openBundle') recent.add((value as { dir: string }).dir);
    },
    onDrop: (paths) => actions.openPath(paths[0]),
  });

  mainWindow = createMainWindow(BrowserWindow, {
    preloadPath: path.join(distDir, 'preload.cjs'),
    iconPath: path.join(rootDir, 'assets', 'icons', '512x512.png'),
    url: APP_INDEX_URL,
    state: openWindowState(userData, log),
    workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
    initialEvents: () => [{ type: 'settings-changed', settings: settings.get() }],
  });
  mainWindow.window.webContents.on('did-finish-load', () => bulkPorts.connect());
  openPath = actions.openPath;
  refreshMenu();
  void refreshProviders();

  app.on('window-all-closed', () => {
    engine.dispose();
    app.quit();
  });
}
