// Persisted state under userData: settings (schema, atomic writes, recovery from a corrupt
// file), recent bundles and window bounds. Real files in a temp folder.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeJsonAtomic } from './json-store';
import { MAX_RECENT, openRecentBundles, withRecent } from './recent-bundles';
import { defaultSettings, engineEnvironment, openSettings, withAnalysisDefaults } from './settings';
import { defaultWindowState, openWindowState, restoredBounds, trackWindowState } from './window-state';

vi.mock('electron', () => ({}));

const userData = () => mkdtempSync(path.join(tmpdir(), 'prunelens-userdata-'));
const settingsFile = (dir: string) => path.join(dir, 'settings.json');

describe('settings', () => {
  it('start from defaults and persist changes as JSON in userData/settings.json', () => {
    const dir = userData();
    const store = openSettings(dir);
    expect(store.get()).toEqual(defaultSettings);
    expect(store.recovered).toBeNull();
    store.set({ executionProvider: 'cuda', cacheDir: '/var/cache/pl', sampleLimit: 5000, theme: 'dark' });
    expect(JSON.parse(readFileSync(settingsFile(dir), 'utf8'))).toEqual({ executionProvider: 'cuda', cacheDir: '/var/cache/pl', sampleLimit: 5000, theme: 'dark' });
    expect(openSettings(dir).get()).toMatchObject({ executionProvider: 'cuda', theme: 'dark' });
  });

  it('write atomically: temp file, then rename; no temp file left behind', () => {
    const dir = userData();
    const file = path.join(dir, 'nested', 'state.json');
    writeJsonAtomic(file, { a: 1 });
    writeJsonAtomic(file, { a: 2 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 2 });
    expect(readdirSync(path.dirname(file))).toEqual(['state.json']);
  });

  it('never leave a half-written file: a failed write keeps the old content', () => {
    const dir = userData();
    const store = openSettings(dir);
    store.set({ ...defaultSettings, theme: 'light' });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => writeJsonAtomic(settingsFile(dir), circular)).toThrow();
    expect(JSON.parse(readFileSync(settingsFile(dir), 'utf8')).theme).toBe('light');
    // The rename fails (the target is a folder): the temp file is removed, nothing else changes.
    mkdirSync(path.join(dir, 'a-folder'));
    expect(() => writeJsonAtomic(path.join(dir, 'a-folder'), { a: 1 })).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('recover from a corrupt file with defaults, keeping it aside as settings.json.corrupt', () => {
    for (const content of ['{ "theme": "dark", ', '\0\0\0', '[1, 2, 3]', 'null', '"dark"']) {
      const dir = userData();
      writeFileSync(settingsFile(dir), content);
      const log = vi.fn();
      const store = openSettings(dir, log);
      expect(store.get(), content).toEqual(defaultSettings);
      expect(store.recovered, content).not.toBeNull();
      expect(readFileSync(path.join(dir, 'settings.json.corrupt'), 'utf8')).toBe(content);
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/settings\.json/));
    }
  });

  it('reset only the invalid fields, and save the repaired file at once', () => {
    const dir = userData();
    writeFileSync(settingsFile(dir), JSON.stringify({ executionProvider: 'cuda', cacheDir: 'relative/dir', sampleLimit: -3, theme: 'purple', extra: 1 }));
    const store = openSettings(dir);
    expect(store.get()).toEqual({ executionProvider: 'cuda', cacheDir: null, sampleLimit: null, theme: 'system' });
    expect(store.recovered).toMatch(/cacheDir, sampleLimit, theme/);
    expect(JSON.parse(readFileSync(settingsFile(dir), 'utf8'))).toEqual(store.get());
  });

  it('treat fields missing from an older file as defaults, not as corruption', () => {
    const dir = userData();
    writeFileSync(settingsFile(dir), JSON.stringify({ theme: 'dark' }));
    const store = openSettings(dir);
    expect(store.get()).toEqual({ ...defaultSettings, theme: 'dark' });
    expect(store.recovered).toBeNull();
    expect(existsSync(path.join(dir, 'settings.json.corrupt'))).toBe(false);
  });

  it('refuse invalid values on save', () => {
    const store = openSettings(userData());
    // Invalid fields fall back instead of being written.
    expect(store.set({ ...defaultSettings, executionProvider: 'CUDA; rm -rf /' }).executionProvider).toBe('cpu');
  });

  it('reach the engine (cache folder) and fill startAnalysis defaults', () => {
    expect(engineEnvironment(defaultSettings)).toEqual({});
    expect(engineEnvironment({ ...defaultSettings, cacheDir: '/c' })).toEqual({ PRUNELENS_CACHE: '/c' });
    const settings = { ...defaultSettings, executionProvider: 'cuda', sampleLimit: 2000 };
    expect(withAnalysisDefaults({ path: '/b' }, settings)).toEqual({ path: '/b', ep: 'cuda', limit: 2000 });
    expect(withAnalysisDefaults({ path: '/b', ep: 'cpu', limit: 10 }, settings)).toEqual({ path: '/b', ep: 'cpu', limit: 10 });
    expect(withAnalysisDefaults({ path: '/b' }, defaultSettings)).toEqual({ path: '/b', ep: 'cpu' });
    expect(withAnalysisDefaults('junk', settings)).toBe('junk');
  });
});

describe('recent bundles', () => {
  it('keep the most recent first, without duplicates, at most MAX_RECENT', () => {
    let list: string[] = [];
    for (let i = 0; i < 15; i++) list = withRecent(list, `/b/${i}`);
    list = withRecent(list, '/b/10');
    expect(list).toHaveLength(MAX_RECENT);
    expect(list.slice(0, 3)).toEqual(['/b/10', '/b/14', '/b/13']);
  });

  it('persist, mirror to the OS list and notify the menu', () => {
    const dir = userData();
    const os = { addRecentDocument: vi.fn(), clearRecentDocuments: vi.fn() };
    const changed = vi.fn();
    const recent = openRecentBundles(dir, os, changed);
    recent.add('/data/a');
    recent.add('/data/b');
    recent.add('/data/b'); // already first: nothing to do
    recent.add('relative'); // only absolute paths
    expect(recent.list()).toEqual(['/data/b', '/data/a']);
    expect(os.addRecentDocument).toHaveBeenCalledTimes(2);
    expect(changed).toHaveBeenCalledTimes(2);
    expect(openRecentBundles(dir, os, changed).list()).toEqual(['/data/b', '/data/a']);
    recent.clear();
    expect(openRecentBundles(dir, os, changed).list()).toEqual([]);
    expect(os.clearRecentDocuments).toHaveBeenCalled();
  });

  it('survive a corrupt list', () => {
    const dir = userData();
    writeFileSync(path.join(dir, 'recent-bundles.json'), JSON.stringify({ bundles: ['/ok', 7, 'relative'] }));
    expect(openRecentBundles(dir, { addRecentDocument: vi.fn(), clearRecentDocuments: vi.fn() }, vi.fn()).list()).toEqual([]);
  });
});

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

  it('restores saved bounds when visible, else only the size', () => {
    const saved = { x: 100, y: 50, width: 1200, height: 800, maximized: false };
    expect(restoredBounds(saved, screen)).toEqual({ x: 100, y: 50, width: 1200, height: 800 });
    // Saved on a monitor that is gone (to the right), or with its title bar above the screen.
    expect(restoredBounds({ ...saved, x: 2500 }, screen)).toEqual({ width: 1200, height: 800 });
    expect(restoredBounds({ ...saved, y: -700 }, screen)).toEqual({ width: 1200, height: 800 });
    expect(restoredBounds(defaultWindowState, screen)).toEqual({ width: 1440, height: 900 });
    // A second monitor on the left counts.
    expect(restoredBounds({ ...saved, x: -1500 }, [...screen, { x: -1920, y: 0, width: 1920, height: 1080 }])).toMatchObject({ x: -1500 });
  });

  it('is saved when the window closes (normal bounds and maximized), and read back', () => {
    const dir = userData();
    const store = openWindowState(dir);
    const handlers = new Map<string, () => void>();
    trackWindowState({ on: (name: string, fn: () => void) => handlers.set(name, fn), getNormalBounds: () => ({ x: 5, y: 6, width: 1000, height: 700 }), isMaximized: () => true, isFullScreen: () => false } as never, store);
    handlers.get('close')!();
    expect(openWindowState(dir).get()).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: true });
  });

  it('falls back per field on nonsense', () => {
    const dir = userData();
    writeFileSync(path.join(dir, 'window-state.json'), JSON.stringify({ x: 'left', y: 10, width: 5, height: 1e9, maximized: 'yes' }));
    expect(openWindowState(dir).get()).toEqual({ x: null, y: 10, width: 1440, height: 900, maximized: false });
  });
});
