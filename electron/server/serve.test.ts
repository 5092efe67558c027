import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PruneLensError } from '../../src-shared/base/errors';
import { decodeFrame, encodeFrame } from '../../src-shared/api/wire-codec';
import { writeFixtureBundle } from '../../tools/testing/fixture-bundle';
import { createEngine } from '../engine/engine';
import { startServer } from './serve';
import type { RunningServer } from './serve';

describe('serve: static renderer + WebSocket engine', () => {
  const staticDir = mkdtempSync(path.join(tmpdir(), 'prunelens-static-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'prunelens-outside-'));
  let server: RunningServer;
  const engine = createEngine({ transport: 'serve', startupBundle: null });

  beforeAll(async () => {
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ui</title>');
    mkdirSync(path.join(staticDir, 'assets'));
    writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
    server = await startServer({ engine, staticDir, port: 0 });
  });
  afterAll(() => server.close());

  it('binds to loopback by default and serves index.html', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await response.text()).toContain('<title>ui</title>');
  });

  it('refuses path traversal and symlinks that leave the static folder', async () => {
    for (const attempt of ['/../' + path.basename(outside) + '/secret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/assets/link.txt', '/%00']) {
      const response = await fetch(server.url.replace(/\/$/, '') + attempt);
      expect(response.status, attempt).toBe(404);
    }
  });

  function connect(): Promise<WebSocket> {
    const ws = new WebSocket(server.url.replace('http', 'ws') + 'ws');
    ws.binaryType = 'arraybuffer';
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }

  function request(ws: WebSocket, message: unknown): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      const onMessage = (data: ArrayBuffer) => {
        const decoded = decodeFrame(new Uint8Array(data)) as Record<string, unknown>;
        if (decoded.kind === 'event') return;
        ws.off('message', onMessage);
        resolve(decoded);
      };
      ws.on('message', onMessage);
      ws.send(encodeFrame(message));
    });
  }

  it('answers contract calls over binary frames, with errors as values', async () => {
    const ws = await connect();
    const bundle = writeFixtureBundle();
    const opened = await request(ws, { kind: 'call', id: 1, method: 'openBundle', input: { path: bundle } });
    expect(opened).toMatchObject({ kind: 'result', id: 1, value: { name: 'Tiny fixture bundle', models: [{ id: 'dense' }, { id: 'pruned-50' }] } });
    const missing = await request(ws, { kind: 'call', id: 2, method: 'openBundle', input: { path: '/nope/nope' } });
    expect(missing).toMatchObject({ kind: 'error', id: 2, error: { code: 'not-found' } });
    const unknown = await request(ws, { kind: 'call', id: 3, method: 'rm', input: {} });
    expect(unknown).toMatchObject({ kind: 'error', error: { code: 'bad-request' } });
    ws.close();
  });

  it('broadcasts engine events to connected clients', async () => {
    const ws = await connect();
    const event = new Promise<unknown>((resolve) => ws.on('message', (data: ArrayBuffer) => resolve(decodeFrame(new Uint8Array(data)))));
    await engine.openBundle({ path: writeFixtureBundle() });
    await expect(event).resolves.toMatchObject({ kind: 'event', event: { type: 'log', level: 'info' } });
    ws.close();
  });

  it('rejects WebSocket upgrades on other paths and oversized messages', async () => {
    const wrong = new WebSocket(server.url.replace('http', 'ws') + 'other');
    await expect(new Promise((_, reject) => wrong.once('error', reject))).rejects.toThrow(/404/);
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(new Uint8Array(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
  });

  it('engine errors are PruneLensErrors', async () => {
    await expect(engine.openBundle({ path: '/definitely/missing' })).rejects.toBeInstanceOf(PruneLensError);
  });
});
