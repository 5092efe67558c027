import { describe, expect, it } from 'vitest';
import { APP_PROTOCOL, TOKEN_PROTOCOL_PREFIX, webSocketProtocols } from '../../../src-shared/api/ws-protocol';
import { takeSessionToken, TOKEN_STORAGE_KEY } from './session-token';
import type { TokenPage } from './session-token';
import { webSocketUrl } from './ws-transport';

/** A page at `url`, with a history that records replaceState and a Map-backed sessionStorage. */
function page(url: string, stored: Map<string, string> = new Map()) {
  const parsed = new URL(url);
  const replaced: string[] = [];
  const fake: TokenPage = {
    location: { hash: parsed.hash, pathname: parsed.pathname, search: parsed.search },
    history: { state: { view: 1 }, replaceState: (_state: unknown, _unused: string, next?: string | URL | null) => void replaced.push(String(next)) },
    storage: { getItem: (key) => stored.get(key) ?? null, setItem: (key, value) => void stored.set(key, value) },
  };
  return { fake, replaced, stored };
}

describe('serve-mode token on the page', () => {
  it('takes the token from the fragment, keeps it in sessionStorage and strips it from the address bar', () => {
    const { fake, replaced, stored } = page('http://gpu-box:7878/#token=Sx4-test_token.0123456789');
    expect(takeSessionToken(fake)).toBe('Sx4-test_token.0123456789');
    expect(stored.get(TOKEN_STORAGE_KEY)).toBe('Sx4-test_token.0123456789');
    expect(replaced).toEqual(['/']);
  });

  it('keeps other fragment parameters and the query', () => {
    const { fake, replaced } = page('http://gpu-box:7878/index.html?x=1#a=2&token=abcdefghijklmnop1234');
    expect(takeSessionToken(fake)).toBe('abcdefghijklmnop1234');
    expect(replaced).toEqual(['/index.html?x=1#a=2']);
  });

  it('reuses the stored token after a reload (no fragment), and is null when there is none', () => {
    const stored = new Map([[TOKEN_STORAGE_KEY, 'stored-token-0123456789']]);
    const reload = page('http://gpu-box:7878/', stored);
    expect(takeSessionToken(reload.fake)).toBe('stored-token-0123456789');
    expect(reload.replaced).toEqual([]);
    expect(takeSessionToken(page('http://127.0.0.1:7878/').fake)).toBeNull();
  });

  it('works without storage (the token lasts for this page load)', () => {
    const { fake } = page('http://gpu-box:7878/#token=abcdefghijklmnop1234');
    expect(takeSessionToken({ ...fake, storage: null })).toBe('abcdefghijklmnop1234');
  });

  it('never puts the token in the socket URL: it goes as a subprotocol next to the app protocol', () => {
    expect(webSocketUrl({ protocol: 'http:', host: 'gpu-box:7878' })).toBe('ws://gpu-box:7878/ws');
    expect(webSocketUrl({ protocol: 'https:', host: 'gpu-box' })).toBe('wss://gpu-box/ws');
    expect(webSocketProtocols('abcdefghijklmnop1234')).toEqual([APP_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}abcdefghijklmnop1234`]);
    expect(webSocketProtocols(null)).toEqual([APP_PROTOCOL]);
  });
});
