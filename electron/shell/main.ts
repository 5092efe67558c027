// Electron main process: windows, menu, dialogs, and the engine's utilityProcess. No heavy work
// here: everything numeric happens in the engine process.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, webContents } from 'electron';
import { buildMenu } from './app-menu';
import { startEngineProcess } from './engine-process';
import { broadcastEvent, registerIpcBridge } from './ipc-bridge';
import { guardNavigation } from './navigation-guard';
import { isTrustedSender } from './sender-validation';
import { mainWindowOptions } from './window-options';

const distDir = __dirname; // dist/electron (bundled)
const rendererIndex = path.join(distDir, '..', 'renderer', 'index.html');
const startupBundle = process.argv.slice(app.isPackaged ? 1 : 2).find((arg) => !arg.startsWith('-')) ?? path.join(distDir, '..', '..', 'assets', 'demo');

const engine = startEngineProcess(path.join(distDir, 'engine-host.mjs'), { PRUNELENS_STARTUP_BUNDLE: path.resolve(startupBundle) }, (event) =>
  broadcastEvent(webContents.getAllWebContents(), event),
);

async function openBundleDialog(window: BrowserWindow): Promise<void> {
  const result = await dialog.showOpenDialog(window, { title: 'Open bundle', properties: ['openDirectory'] });
  if (!result.canceled && result.filePaths[0]) window.webContents.send('prunelens:event', { type: 'open-bundle-request', path: result.filePaths[0] });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(path.join(distDir, 'preload.cjs')));
  guardNavigation(window.webContents, (url) => url === pathToFileURL(rendererIndex).href);
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex);
  return window;
}

app.enableSandbox();
app.whenReady().then(() => {
  // Deny every permission request (camera, notifications, …): the app needs none.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  registerIpcBridge(ipcMain, { isTrusted: (frame) => isTrustedSender(frame, rendererIndex), forward: (method, input) => engine.call(method, input) });
  const window = createWindow();
  Menu.setApplicationMenu(buildMenu({ openBundle: () => openBundleDialog(window), quit: () => app.quit() }));
});
app.on('window-all-closed', () => {
  engine.dispose();
  app.quit();
});
