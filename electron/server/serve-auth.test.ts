// Serve-mode access control over real sockets on 127.0.0.1: tokens on HTTP and WebSocket,
// no cookie ever, Host/Origin checks, request limits and security headers.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine';
import { WebSocket } from 'ws';
import { APP_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../src-shared/api/ws-protocol';
import { generateToken, tokensEqual } from './auth';
import { startServer } from './serve';
import type { RunningServer } from './serve';
import { connectRpc } from './testing/ws-rpc-client';

const TOKEN = 'Sx4-test_token.0123456789abcdef';

function staticFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'prunelens-static-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>ui</title>');
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

/** A raw request, so Host and bodies can be set freely (fetch forbids both). */
function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('serve with a token', () => {
  let server: RunningServer;
  let base: string;
  const engine = createEngine({ transport: 'serve', startupBundle: null });

  beforeAll(async () => {
    server = await startServer({ engine, staticDir: staticFolder(), host: '127.0.0.1', port: 0, token: TOKEN });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());

  it('prints a URL that carries the token in its fragment (never sent to a server)', () => {
    expect(server.url).toBe(`${base}/#token=${TOKEN}`);
  });

  it('serves the static UI without a secret and never sets a cookie', async () => {
    const requests: [string, RequestInit?][] = [
      [`${base}/`],
      [`${base}/assets/app.js`],
      [`${base}/?token=${TOKEN}`],
      [`${base}/`, { headers: { Authorization: `Bearer ${TOKEN}` } }],
      [`${base}/missing.js`],
    ];
    for (const [url, init] of requests) {
      const response = await fetch(url, init);
      expect(response.status, url).toBe(url.endsWith('missing.js') ? 404 : 200);
      expect(response.headers.get('set-cookie'), url).toBeNull();
      if (url.endsWith('/')) expect(await response.text()).toContain('<title>ui</title>');
    }
    const upgradeHeaders = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, [APP_PROTOCOL, TOKEN_PROTOCOL_PREFIX + TOKEN]);
      ws.once('upgrade', (response) => resolve(response.headers));
      ws.once('error', reject);
      ws.once('open', () => ws.close());
    });
    expect(upgradeHeaders['set-cookie']).toBeUndefined();
    // The server names only the app protocol: the token is not echoed back.
    expect(upgradeHeaders['sec-websocket-protocol']).toBe(APP_PROTOCOL);
  });

  it('refuses WebSocket upgrades without or with a wrong token (401, before upgrading), whatever the query or cookie say', async () => {
    const ws = `ws://127.0.0.1:${server.port}/ws`;
    await expect(connectRpc(ws)).rejects.toMatchObject({ status: 401 });
    await expect(connectRpc(`${ws}?token=${TOKEN}`)).rejects.toMatchObject({ status: 401 });
    await expect(connectRpc(ws, { Cookie: `prunelens_token_${server.port}=${TOKEN}` })).rejects.toMatchObject({ status: 401 });
    await expect(connectRpc(ws, { Authorization: 'Bearer wrong-token-0123456789' })).rejects.toMatchObject({ status: 401 });
    await expect(connectRpc(ws, { Authorization: `Bearer ${TOKEN.toUpperCase()}` })).rejects.toMatchObject({ status: 401 });
    await expect(connectRpc(ws, { Authorization: `Basic ${TOKEN}` })).rejects.toMatchObject({ status: 401 });
    await expect(connectRpc(ws, {}, [APP_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${TOKEN}x`])).rejects.toMatchObject({ status: 401 });
    await expect(connectRpc(ws, {}, [APP_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${TOKEN.slice(0, -1)}`])).rejects.toMatchObject({ status: 401 });
  });

  it('accepts WebSockets with the right token by subprotocol (the page) or header', async () => {
    const ws = `ws://127.0.0.1:${server.port}/ws`;
    for (const [headers, protocols] of [
      [{}, [APP_PROTOCOL, TOKEN_PROTOCOL_PREFIX + TOKEN]],
      [{ Authorization: `Bearer ${TOKEN}` }, []],
    ] as const) {
      const socket = await connectRpc(ws, headers, [...protocols]);
      expect(await socket.call('getAppInfo', {})).toMatchObject({ kind: 'result', value: { name: 'PruneLens', transport: 'serve' } });
      socket.close();
    }
  });

  it('refuses a WebSocket opened by another site\'s page (Origin), even with the token', async () => {
    const url = `ws://127.0.0.1:${server.port}/ws`;
    await expect(connectRpc(url, { Origin: 'https://evil.example', Authorization: `Bearer ${TOKEN}` })).rejects.toMatchObject({ status: 403 });
    const same = await connectRpc(url, { Origin: base, Authorization: `Bearer ${TOKEN}` });
    same.close();
  });

  it('accepts only GET and HEAD, without a body', async () => {
    expect((await rawRequest(server.url, { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await rawRequest(server.url, { method: 'PUT' })).status).toBe(405);
    const withBody = await rawRequest(server.url, { method: 'GET', headers: { 'Content-Length': '5' }, body: 'hello' });
    expect(withBody.status).toBe(413);
    const head = await rawRequest(server.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('sends the security headers, with connect-src narrowed to this server', async () => {
    const response = await fetch(server.url);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} wss://127.0.0.1:${server.port}`);
    expect(csp).not.toMatch(/connect-src[^;]* ws: /);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('serve without a token', () => {
  it('refuses to bind a non-loopback address without a token, and a weak token', async () => {
    const engine = createEngine({ transport: 'serve', startupBundle: null });
    await expect(startServer({ engine, staticDir: staticFolder(), host: '0.0.0.0', port: 0 })).rejects.toMatchObject({ code: 'bad-request', message: /requires a token/ });
    await expect(startServer({ engine, staticDir: staticFolder(), host: '127.0.0.1', port: 0, token: 'short' })).rejects.toMatchObject({ code: 'bad-request' });
    // An empty host would bind every interface and print an unusable `http://:port/`.
    await expect(startServer({ engine, staticDir: staticFolder(), host: '', port: 0, token: TOKEN })).rejects.toMatchObject({ code: 'bad-request', message: /not empty/ });
  });

  it('on loopback answers only to local Host names (DNS rebinding) and same-origin WebSockets', async () => {
    const engine = createEngine({ transport: 'serve', startupBundle: null });
    const server = await startServer({ engine, staticDir: staticFolder(), port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
        expect((await rawRequest(server.url, { headers: { Host: host } })).status, host).toBe(200);
      }
      for (const host of [`evil.example:${server.port}`, `127.0.0.1.evil.example:${server.port}`]) {
        expect((await rawRequest(server.url, { headers: { Host: host } })).status, host).toBe(403);
      }
      const ws = `ws://127.0.0.1:${server.port}/ws`;
      await expect(connectRpc(ws, { Origin: 'http://evil.example' })).rejects.toMatchObject({ status: 403 });
      await expect(connectRpc(ws, { Host: `rebound.example:${server.port}` })).rejects.toMatchObject({ status: 403 });
      const local = await connectRpc(ws, { Origin: `http://127.0.0.1:${server.port}` });
      expect(await local.call('getStartupBundle', {})).toMatchObject({ kind: 'result', value: { path: null } });
      local.close();
    } finally {
      await server.close();
    }
  });
});

describe('tokens', () => {
  it('are random 32-character base64url strings', () => {
    const tokens = new Set(Array.from({ length: 50 }, generateToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('compare equal only when identical, whatever the lengths', () => {
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
    expect(tokensEqual(TOKEN, TOKEN + 'x')).toBe(false);
    expect(tokensEqual('', TOKEN)).toBe(false);
    expect(tokensEqual(TOKEN.replace('S', 's'), TOKEN)).toBe(false);
  });
});
