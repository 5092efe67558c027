// The shell's security settings, with a mocked `electron`: window options, the app:// scheme and
// its headers, sender validation, navigation guards, session permissions and network blocking.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

describe('main window options', () => {
  it('isolate the renderer: contextIsolation, sandbox, no Node, no webviews, no drag-drop navigation', async () => {
    const { mainWindowOptions } = await import('./window-options');
    const options = mainWindowOptions('/app/dist/electron/preload.cjs', { x: 10, y: 20, width: 1000, height: 700 }, '/app/icon.png');
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, icon: '/app/icon.png', show: false });
    // Electron's checklist, stated here by what each setting must be (not copied from window-options.ts):
    // exactly these keys, nothing more, so a new or relaxed preference fails the test.
    const mustBeOn = ['contextIsolation', 'sandbox', 'webSecurity', 'safeDialogs'];
    const mustBeOff = ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag', 'navigateOnDragDrop', 'spellcheck'];
    expect(options.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      enableBlinkFeatures: '',
      ...Object.fromEntries(mustBeOn.map((key) => [key, true])),
      ...Object.fromEntries(mustBeOff.map((key) => [key, false])),
    });
  });
});

describe('app:// scheme', () => {
  const rendererDir = mkdtempSync(path.join(tmpdir(), 'prunelens-renderer-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'prunelens-outside-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'assets', 'main.js'), 'export {}');
  writeFileSync(path.join(outside, 'secret.txt'), 'secret');

  it('is registered as a standard, secure scheme before ready', async () => {
    const { registerAppScheme } = await import('./app-protocol');
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('serves the renderer with the CSP and security headers as real HTTP headers', async () => {
    const { appRequestHandler } = await import('./app-protocol');
    const handle = appRequestHandler(rendererDir);
    const page = await handle(new Request('app://prunelens/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy')!;
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) expect(csp).toContain(directive);
    expect(csp).not.toMatch(/ws:|https?:|unsafe-eval/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>app</title>');
    expect((await handle(new Request('app://prunelens/'))).status).toBe(200);
    expect((await handle(new Request('app://prunelens/assets/main.js'))).headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('refuses traversal, other hosts and methods', async () => {
    const { appRequestHandler } = await import('./app-protocol');
    const handle = appRequestHandler(rendererDir);
    symlinkSync(path.join(outside, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
    for (const url of ['app://prunelens/%2e%2e/%2e%2e/etc/passwd', 'app://prunelens/..%2f' + path.basename(outside) + '/secret.txt', 'app://prunelens/assets/link.txt', 'app://other/index.html', 'app://prunelens/missing.js']) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toContain("default-src 'self'");
    }
    expect((await handle(new Request('app://prunelens/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('IPC sender validation', () => {
  it('accepts only the top frame of app://prunelens/index.html', async () => {
    const { isTrustedSender } = await import('./sender-validation');
    expect(isTrustedSender({ url: 'app://prunelens/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://prunelens/index.html#/views?x=1', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://prunelens/', parent: null })).toBe(true);
    for (const frame of [
      { url: 'app://prunelens/index.html', parent: {} }, // an iframe of our own page
      { url: 'app://prunelens/other.html', parent: null },
      { url: 'app://evil/index.html', parent: null },
      { url: 'file:///app/dist/renderer/index.html', parent: null },
      { url: 'https://evil.example/index.html', parent: null },
      { url: 'not a url', parent: null },
    ]) {
      expect(isTrustedSender(frame), JSON.stringify(frame)).toBe(false);
    }
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('navigation guards', () => {
  type Handler = (event: { preventDefault(): void }, url?: string) => void;

  function guarded() {
    const handlers = new Map<string, Handler>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = { on: (name: string, fn: Handler) => handlers.set(name, fn), setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn) };
    const prevented = (name: string, url?: string) => {
      const event = { preventDefault: vi.fn() };
      handlers.get(name)!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    return { contents, prevented, openHandler: () => openHandler!() };
  }

  it('apply to every webContents: no navigation or redirect away, no webviews, no window.open', async () => {
    const { setupNavigationGuards } = await import('./navigation-guard');
    const { isAppPageUrl } = await import('./app-protocol');
    const appEvents = new Map<string, (event: unknown, contents: unknown) => void>();
    setupNavigationGuards({ on: (name: string, fn: never) => appEvents.set(name, fn) } as never, isAppPageUrl);
    const created = appEvents.get('web-contents-created');
    const { contents, prevented, openHandler } = guarded();
    created!({}, contents);
    for (const url of ['https://evil.example', 'file:///etc/passwd', 'app://prunelens/other.html', 'javascript:alert(1)']) {
      expect(prevented('will-navigate', url), url).toBe(true);
      expect(prevented('will-redirect', url), url).toBe(true);
    }
    expect(prevented('will-navigate', 'app://prunelens/index.html#/x')).toBe(false);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(openHandler()).toEqual({ action: 'deny' });
  });
});

describe('session security', () => {
  it('denies permissions (except full screen and clipboard writes from the app) and cancels network requests', async () => {
    const { setupSessionSecurity, REMOTE_URL_PATTERNS } = await import('./session-security');
    let request: ((c: unknown, permission: string, callback: (ok: boolean) => void, details: { requestingUrl?: string }) => void) | undefined;
    let check: ((c: unknown, permission: string, origin: string) => boolean) | undefined;
    let beforeRequest: { filter: { urls: string[] }; listener: (details: unknown, callback: (response: { cancel: boolean }) => void) => void } | undefined;
    setupSessionSecurity({
      setPermissionRequestHandler: (fn: never) => (request = fn),
      setPermissionCheckHandler: (fn: never) => (check = fn),
      webRequest: { onBeforeRequest: ((filter: never, listener: never) => (beforeRequest = { filter, listener })) as never },
    });
    const asked = (permission: string, url: string) => {
      let answer: boolean | undefined;
      request!({}, permission, (ok) => (answer = ok), { requestingUrl: url });
      return answer;
    };
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'midi', 'pointerLock', 'clipboard-read']) {
      expect(asked(permission, 'app://prunelens/index.html'), permission).toBe(false);
      expect(check!({}, permission, 'app://prunelens'), permission).toBe(false);
    }
    expect(asked('fullscreen', 'app://prunelens/index.html')).toBe(true);
    expect(asked('fullscreen', 'https://evil.example/')).toBe(false);
    expect(check!({}, 'clipboard-sanitized-write', 'app://prunelens')).toBe(true);
    expect(check!({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(beforeRequest!.filter.urls).toEqual(REMOTE_URL_PATTERNS);
    const callback = vi.fn();
    beforeRequest!.listener({ url: 'https://cdn.example/x.js' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });
});
