// The menu and what its items do, with a mocked `electron` and fake dialogs: every item wired,
// File → Open / Recent / Export / New, View → Theme, Engine settings, Help → About.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { Mock } from 'vitest';
import type { ApiEvent } from '../../src-shared/api/contract';
import { aboutDetail, installedVersion } from './about';
import { menuTemplate, SAMPLE_LIMITS } from './app-menu';
import type { MenuActions, MenuState } from './app-menu';
import { createDesktopActions } from './desktop-actions';
import type { DesktopDeps } from './desktop-actions';
import { openRecentBundles } from './recent-bundles';
import { defaultSettings, openSettings } from './settings';

vi.mock('electron', () => ({ Menu: { buildFromTemplate: (template: unknown) => ({ template }) } }));

type Item = MenuItemConstructorOptions;
const state: MenuState = { recent: ['/data/bundles/resnet', '/data/bundles/vgg'], settings: defaultSettings, executionProviders: ['cpu', 'cuda'], platform: 'linux' };
const actionNames = ['newBundle', 'openBundleFolder', 'openBundleFile', 'openRecent', 'clearRecent', 'exportRequest', 'quit', 'updateSettings', 'chooseCacheDir', 'restartEngine', 'about'] as const;
const spyActions = () => Object.fromEntries(actionNames.map((k) => [k, vi.fn()])) as unknown as MenuActions & Record<keyof MenuActions, Mock>;

function find(template: Item[], ...labels: string[]): Item {
  let items = template;
  let found: Item | undefined;
  for (const label of labels) {
    found = items.find((i) => i.label === label);
    if (!found) throw new Error(`no menu item '${label}' in ${items.map((i) => i.label ?? i.role).join(', ')}`);
    items = (found.submenu as Item[]) ?? [];
  }
  return found!;
}
const click = (item: Item) => (item.click as () => void)();

describe('application menu', () => {
  it('has File, Edit, View, Engine and Help, with every custom item wired to its action', () => {
    const actions = spyActions();
    const template = menuTemplate(state, actions);
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Engine', 'Help']);
    const cases: [string[], keyof MenuActions, unknown[]][] = [
      [['File', 'New Bundle…'], 'newBundle', []],
      [['File', 'Open Bundle…'], 'openBundleFolder', []],
      [['File', 'Open Bundle File…'], 'openBundleFile', []],
      [['File', 'Open Recent', 'resnet — /data/bundles'], 'openRecent', ['/data/bundles/resnet']],
      [['File', 'Open Recent', 'Clear Recent'], 'clearRecent', []],
      [['File', 'Export…'], 'exportRequest', []],
      [['File', 'Quit PruneLens'], 'quit', []],
      [['View', 'Theme', 'Dark'], 'updateSettings', [{ theme: 'dark' }]],
      [['Engine', 'Execution Provider', 'cuda'], 'updateSettings', [{ executionProvider: 'cuda' }]],
      [['Engine', 'Sample Limit', '5,000 per Set'], 'updateSettings', [{ sampleLimit: 5000 }]],
      [['Engine', 'Sample Limit', 'All Samples'], 'updateSettings', [{ sampleLimit: null }]],
      [['Engine', 'Cache Folder (Default)…'], 'chooseCacheDir', []],
      [['Engine', 'Restart Engine'], 'restartEngine', []],
      [['Help', 'About PruneLens'], 'about', []],
    ];
    for (const [labels, action, args] of cases) {
      actions[action].mockClear();
      click(find(template, ...labels));
      expect(actions[action], labels.join(' → ')).toHaveBeenCalledWith(...args);
    }
    expect(find(template, 'File', 'Open Bundle…').accelerator).toBe('CmdOrCtrl+O');
    expect(find(template, 'File', 'Export…').accelerator).toBe('CmdOrCtrl+E');
    const view = (find(template, 'View').submenu as Item[]).map((i) => i.role ?? i.label);
    expect(view).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'Theme', 'togglefullscreen']));
  });

  it('checks the current settings and shows unavailable or custom ones', () => {
    const template = menuTemplate({ ...state, recent: [], settings: { ...defaultSettings, theme: 'light', executionProvider: 'tensorrt', sampleLimit: 1234, cacheDir: '/c' } }, spyActions());
    expect(find(template, 'View', 'Theme', 'Light').checked).toBe(true);
    expect(find(template, 'View', 'Theme', 'Dark').checked).toBe(false);
    expect(find(template, 'Engine', 'Execution Provider', 'tensorrt (not available)').checked).toBe(true);
    expect((find(template, 'Engine', 'Sample Limit').submenu as Item[])).toHaveLength(SAMPLE_LIMITS.length + 1);
    expect(find(template, 'Engine', 'Sample Limit', '1,234 per Set').checked).toBe(true);
    expect(find(template, 'Engine', 'Use Default Cache Folder').enabled).toBe(true);
    expect(find(template, 'File', 'Open Recent', 'No Recent Bundles').enabled).toBe(false);
  });

  it('puts About and Quit in the app menu on macOS', () => {
    const template = menuTemplate({ ...state, platform: 'darwin' }, spyActions());
    expect(template[0].label).toBe('PruneLens');
    expect(find(template, 'PruneLens', 'Quit PruneLens').accelerator).toBe('CmdOrCtrl+Q');
    expect(() => find(template, 'File', 'Quit PruneLens')).toThrow();
  });
});

function desktop(overrides: Partial<DesktopDeps> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'prunelens-actions-'));
  const sent: ApiEvent[] = [];
  const deps: DesktopDeps = {
    dialog: { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/data/bundles/picked'] })), showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })) },
    window: () => null,
    send: (event) => sent.push(event),
    reveal: vi.fn(),
    settings: openSettings(dir),
    recent: openRecentBundles(dir, { addRecentDocument: vi.fn(), clearRecentDocuments: vi.fn() }, vi.fn()),
    engine: { restart: vi.fn() },
    applyTheme: vi.fn(),
    refreshMenu: vi.fn(),
    quit: vi.fn(),
    aboutInfo: async () => ({ app: '0.1.0', electron: '41.7.1', chrome: '140.0', node: '22.1.0', onnxruntime: '1.30.0', providers: { available: ['cpu', 'cuda'], default: 'cpu' } }),
    ...overrides,
  };
  return { deps, sent, actions: createDesktopActions(deps) };
}

describe('desktop actions', () => {
  it('open a bundle chosen in the native dialog (folder or file), and nothing when cancelled', async () => {
    const { deps, sent, actions } = desktop();
    actions.openBundleFolder();
    await vi.waitFor(() => expect(sent).toEqual([{ type: 'open-bundle-request', path: '/data/bundles/picked' }]));
    expect(deps.dialog.showOpenDialog).toHaveBeenCalledWith(expect.objectContaining({ properties: ['openDirectory'] }));
    actions.openBundleFile();
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(deps.dialog.showOpenDialog).toHaveBeenLastCalledWith(expect.objectContaining({ properties: ['openFile'], filters: expect.arrayContaining([expect.objectContaining({ extensions: expect.arrayContaining(['plbundle']) })]) }));
    vi.mocked(deps.dialog.showOpenDialog).mockResolvedValueOnce({ canceled: true, filePaths: [] });
    actions.openBundleFolder();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent).toHaveLength(2);
    expect(deps.reveal).toHaveBeenCalled();
  });

  it('send export and new-bundle requests to the page', () => {
    const { sent, actions } = desktop();
    actions.exportRequest();
    actions.newBundle();
    expect(sent).toEqual([{ type: 'export-request' }, { type: 'new-bundle-request' }]);
  });

  it('persist a setting, apply the theme, tell the page and rebuild the menu', () => {
    const { deps, sent, actions } = desktop();
    actions.updateSettings({ theme: 'dark' });
    expect(deps.settings.get().theme).toBe('dark');
    expect(openSettings(path.dirname(deps.settings.file)).get().theme).toBe('dark');
    expect(deps.applyTheme).toHaveBeenCalledWith('dark');
    expect(sent).toEqual([{ type: 'settings-changed', settings: { ...defaultSettings, theme: 'dark' } }]);
    expect(deps.refreshMenu).toHaveBeenCalled();
    expect(deps.engine.restart).not.toHaveBeenCalled();
  });

  it('offer an engine restart for a new cache folder', async () => {
    const { deps, actions } = desktop();
    actions.chooseCacheDir();
    await vi.waitFor(() => expect(deps.engine.restart).toHaveBeenCalled());
    expect(deps.settings.get().cacheDir).toBe('/data/bundles/picked');
    vi.mocked(deps.dialog.showMessageBox).mockResolvedValueOnce({ response: 1, checkboxChecked: false }); // "Later"
    actions.updateSettings({ cacheDir: null });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(deps.engine.restart).toHaveBeenCalledTimes(1);
    expect(deps.settings.get().cacheDir).toBeNull();
  });

  it('show About with app, Electron, Chrome, Node and onnxruntime versions and the execution providers', async () => {
    const { deps, actions } = desktop();
    actions.about();
    await vi.waitFor(() => expect(deps.dialog.showMessageBox).toHaveBeenCalled());
    const detail = vi.mocked(deps.dialog.showMessageBox).mock.calls[0][0] as unknown as { detail: string };
    expect(detail.detail).toBe(['Version 0.1.0', '', 'Electron 41.7.1', 'Chrome 140.0', 'Node 22.1.0', 'onnxruntime-node 1.30.0', 'Execution providers: cpu (default), cuda'].join('\n'));
    expect(aboutDetail({ app: '1', electron: '2', chrome: '3', node: '4', onnxruntime: '5', providers: { error: 'engine stopped' } })).toMatch(/Execution providers: unknown \(engine stopped\)/);
    expect(installedVersion(import.meta.dirname, 'onnxruntime-node')).toMatch(/^\d+\.\d+\.\d+/);
    expect(installedVersion(tmpdir(), 'no-such-package')).toBe('not installed');
  });
});
