// What the menu, the dialogs and the OS ask of the app, in one place: open a bundle (dialog,
// recent, drop, second launch), change a setting, restart the engine, show About. Electron is
// injected, so every action is tested with fakes.
import type { BrowserWindow, Dialog } from 'electron';
import type { ApiEvent, DesktopSettings } from '../../src-shared/api/contract';
import type { AboutInfo } from './about';
import { showAbout } from './about';
import type { MenuActions } from './app-menu';
import { chooseBundleFile, chooseBundleFolder, chooseCacheFolder, confirmEngineRestart } from './dialogs';
import type { EngineProcess } from './engine-process';
import type { RecentBundles } from './recent-bundles';
import type { SettingsStore } from './settings';

export interface DesktopDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showMessageBox'>;
  window(): BrowserWindow | null;
  /** To the page; shell events queue until it is ready. */
  send(event: ApiEvent): void;
  /** Brings the window to the front. */
  reveal(): void;
  settings: SettingsStore;
  recent: RecentBundles;
  engine: Pick<EngineProcess, 'restart'>;
  applyTheme(theme: DesktopSettings['theme']): void;
  refreshMenu(): void;
  quit(): void;
  aboutInfo(): Promise<AboutInfo>;
}

export interface DesktopActions extends MenuActions {
  /** Any bundle path from outside the page: dialogs, recent, drops, other launches. */
  openPath(bundle: string): void;
}

export function createDesktopActions(deps: DesktopDeps): DesktopActions {
  const openPath = (bundle: string) => {
    deps.reveal();
    deps.send({ type: 'open-bundle-request', path: bundle });
  };
  const openChosen = async (choose: Promise<string | null>) => {
    const chosen = await choose;
    if (chosen) openPath(chosen);
  };
  const updateSettings = async (patch: Partial<DesktopSettings>) => {
    const before = deps.settings.get();
    const next = deps.settings.set({ ...before, ...patch });
    deps.applyTheme(next.theme);
    deps.send({ type: 'settings-changed', settings: next });
    deps.refreshMenu();
    // The cache folder is read by the engine when it starts; the other settings apply to the next analysis.
    if (next.cacheDir !== before.cacheDir && (await confirmEngineRestart(deps.dialog, deps.window(), 'The new cache folder'))) deps.engine.restart();
  };

  return {
    openPath,
    newBundle: () => deps.send({ type: 'new-bundle-request' }),
    openBundleFolder: () => void openChosen(chooseBundleFolder(deps.dialog, deps.window())),
    openBundleFile: () => void openChosen(chooseBundleFile(deps.dialog, deps.window())),
    openRecent: openPath,
    clearRecent: () => deps.recent.clear(),
    exportRequest: () => deps.send({ type: 'export-request' }),
    quit: () => deps.quit(),
    updateSettings: (patch) => void updateSettings(patch),
    chooseCacheDir: () =>
      void chooseCacheFolder(deps.dialog, deps.window(), deps.settings.get().cacheDir).then((dir) => (dir ? updateSettings({ cacheDir: dir }) : undefined)),
    restartEngine: () => deps.engine.restart(),
    about: () => void deps.aboutInfo().then((info) => showAbout(deps.dialog, deps.window(), info)),
  };
}
