// The application menu, built from state (recent bundles, settings, execution providers) and
// injected actions, so it is testable without a window and rebuilt whenever the state changes.
import path from 'node:path';
import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopSettings } from '../../src-shared/api/contract';

export interface MenuState {
  recent: readonly string[];
  settings: DesktopSettings;
  executionProviders: readonly string[];
  platform: NodeJS.Platform;
}

export interface MenuActions {
  newBundle(): void;
  openBundleFolder(): void;
  openBundleFile(): void;
  openRecent(bundle: string): void;
  clearRecent(): void;
  exportRequest(): void;
  quit(): void;
  updateSettings(patch: Partial<DesktopSettings>): void;
  chooseCacheDir(): void;
  restartEngine(): void;
  about(): void;
}

export const SAMPLE_LIMITS: readonly (number | null)[] = [null, 1000, 2000, 5000, 10_000, 50_000];

const separator: MenuItemConstructorOptions = { type: 'separator' };

function recentItems(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  if (state.recent.length === 0) return [{ label: 'No Recent Bundles', enabled: false }];
  return [
    ...state.recent.map((bundle, i): MenuItemConstructorOptions => ({
      // The folder name first (what people recognise), the full path after.
      label: `${path.basename(bundle)} — ${path.dirname(bundle)}`,
      ...(i < 9 ? { accelerator: `CmdOrCtrl+Alt+${i + 1}` } : {}),
      click: () => actions.openRecent(bundle),
    })),
    separator,
    { label: 'Clear Recent', click: () => actions.clearRecent() },
  ];
}

function engineItems(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const { settings } = state;
  const providers = state.executionProviders.includes(settings.executionProvider) ? state.executionProviders : [...state.executionProviders, settings.executionProvider];
  const limits = SAMPLE_LIMITS.includes(settings.sampleLimit) ? SAMPLE_LIMITS : [...SAMPLE_LIMITS, settings.sampleLimit];
  return [
    {
      label: 'Execution Provider',
      submenu: providers.map((ep) => ({
        label: state.executionProviders.includes(ep) ? ep : `${ep} (not available)`,
        type: 'radio' as const,
        checked: ep === settings.executionProvider,
        click: () => actions.updateSettings({ executionProvider: ep }),
      })),
    },
    {
      label: 'Sample Limit',
      submenu: limits.map((limit) => ({
        label: limit === null ? 'All Samples' : `${limit.toLocaleString('en-US')} per Set`,
        type: 'radio' as const,
        checked: limit === settings.sampleLimit,
        click: () => actions.updateSettings({ sampleLimit: limit }),
      })),
    },
    { label: settings.cacheDir ? `Cache Folder: ${settings.cacheDir}…` : 'Cache Folder (Default)…', click: () => actions.chooseCacheDir() },
    { label: 'Use Default Cache Folder', enabled: settings.cacheDir !== null, click: () => actions.updateSettings({ cacheDir: null }) },
    separator,
    { label: 'Restart Engine', click: () => actions.restartEngine() },
  ];
}

export function menuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: 'About PruneLens', click: () => actions.about() };
  const quit: MenuItemConstructorOptions = { label: 'Quit PruneLens', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() };
  const theme = (value: DesktopSettings['theme'], label: string): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked: state.settings.theme === value,
    click: () => actions.updateSettings({ theme: value }),
  });
  return [
    ...(mac ? [{ label: 'PruneLens', submenu: [about, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, quit] } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Bundle…', accelerator: 'CmdOrCtrl+N', click: () => actions.newBundle() },
        { label: 'Open Bundle…', accelerator: 'CmdOrCtrl+O', click: () => actions.openBundleFolder() },
        { label: 'Open Bundle File…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openBundleFile() },
        { label: 'Open Recent', submenu: recentItems(state, actions) },
        separator,
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportRequest() },
        ...(mac ? [] : [separator, quit]),
      ],
    },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        separator,
        { label: 'Theme', submenu: [theme('system', 'Follow System'), theme('light', 'Light'), theme('dark', 'Dark')] },
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Engine', submenu: engineItems(state, actions) },
    { label: 'Help', role: 'help', submenu: [about] },
  ];
}

export function buildMenu(state: MenuState, actions: MenuActions): Menu {
  return Menu.buildFromTemplate(menuTemplate(state, actions));
}
