// The main window's options: Electron's security checklist in one reviewable place.
import path from 'node:path';
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export function mainWindowOptions(preloadPath: string, bounds: Partial<Rectangle> = {}, icon?: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    title: 'PruneLens',
    show: false,
    backgroundColor: '#16181c',
    ...(icon ? { icon } : {}),
    webPreferences: {
      preload: path.resolve(preloadPath),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
