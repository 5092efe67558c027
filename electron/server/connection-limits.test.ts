// Per-connection limits over real sockets: calls in flight capped (`busy`), a client that does not
// read is dropped instead of queueing replies without bound, a disconnect or `cancel` frame aborts its calls, and
// heavy calls pass a global gate.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiMethodName } from '../../src-shared/api/contract';
import type { CallContext } from '../../src-shared/api/rpc';
import { encodeFrame } from '../../src-shared/api/wire-codec';
import { createEngine } from '../engine/engine';
import type { Engine } from '../engine/engine';
import { MAX_CONNECTIONS, startServer } from './serve';
import type { RunningServer } from './serve';
import { connectRpc } from './testing/ws-rpc-client';
import type { RpcSocket } from './testing/ws-rpc-client';

type Handler = (input: unknown, context?: CallContext) => Promise<unknown>;

/** The real engine with some methods replaced. */
function engineWith(overrides: Partial<Record<ApiMethodName, Handler>>): Engine {
  return { ...createEngine({ transport: 'serve', startupBundle: null }), ...overrides } as Engine;
}

function staticDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'prunelens-limits-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  return dir;
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

let server: RunningServer | null = null;
const sockets: RpcSocket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.ws.terminate());
  await server?.close();
  server = null;
});

async function connect(): Promise<RpcSocket> {
  const socket = await connectRpc(`ws://127.0.0.1:${server!.port}/ws`);
  sockets.push(socket);
  return socket;
}

describe('per-connection limits', () => {
  it('runs a connection\'s calls a few at a time, answers `busy` beyond the calls in flight, and works again once they finish', async () => {
    const release: (() => void)[] = [];
    server = await startServer({
      engine: engineWith({ getEvaluation: () => new Promise((resolve) => release.push(() => resolve({ models: [], sets: [] }))) }),
      staticDir: staticDir(), port: 0, limits: { maxRunning: 2, maxInFlight: 3 },
    });
    const socket = await connect();
    const other = await connect();
    const slow = [1, 2, 3].map(() => socket.call('getEvaluation', { path: '/x' }));
    await until(() => release.length === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(release.length).toBe(2); // the third waits for a running one
    expect(await socket.call('getAppInfo', {})).toMatchObject({ kind: 'error', error: { code: 'busy', message: /3 calls in flight/ } });
    // Another connection is not affected.
    expect(await other.call('getAppInfo', {})).toMatchObject({ kind: 'result' });
    release.splice(0).forEach((r) => r());
    await until(() => release.length === 1);
    release.splice(0).forEach((r) => r());
    expect((await Promise.all(slow)).every((r) => r.kind === 'result')).toBe(true);
    expect(await socket.call('getAppInfo', {})).toMatchObject({ kind: 'result' });
  });

  it('aborts the calls of a client that disconnects', async () => {
    const signals: AbortSignal[] = [];
    server = await startServer({
      engine: engineWith({ exportSamples: (_input, context) => new Promise((_resolve, reject) => (signals.push(context!.signal!), context!.signal!.addEventListener('abort', () => reject(new Error('aborted'))))) }),
      staticDir: staticDir(), port: 0,
    });
    const socket = await connect();
    void socket.call('exportSamples', { path: '/x', format: 'csv' });
    await until(() => signals.length === 1);
    expect(signals[0].aborted).toBe(false);
    socket.ws.terminate();
    await until(() => signals[0].aborted);
  });

  it('a `cancel` frame aborts a running heavy call and frees its gate slot; a cancelled queued call never starts', async () => {
    const signals: AbortSignal[] = [];
    server = await startServer({
      engine: engineWith({
        getProjection: (_input, context) => new Promise((_resolve, reject) => (signals.push(context!.signal!), context!.signal!.addEventListener('abort', () => reject(context!.signal!.reason)))),
      }),
      staticDir: staticDir(), port: 0, maxHeavyCalls: 1,
    });
    const socket = await connect();
    const other = await connect();
    const first = socket.call('getProjection', { path: '/x', modelId: 'm', setId: 's', dims: 3 }); // id 1: runs
    await until(() => signals.length === 1);
    const queued = socket.call('getProjection', { path: '/x', modelId: 'm', setId: 's', dims: 2 }); // id 2: waits for the slot
    await new Promise((r) => setTimeout(r, 100));
    socket.ws.send(encodeFrame({ kind: 'cancel', id: 2 }));
    socket.ws.send(encodeFrame({ kind: 'cancel', id: 1 }));
    expect(await first).toMatchObject({ kind: 'error', error: { code: 'cancelled' } });
    expect(await queued).toMatchObject({ kind: 'error', error: { code: 'cancelled' } });
    expect(signals[0].aborted).toBe(true);
    // The slot is free again: another client's heavy call starts at once, and the queued one never ran.
    void other.call('getProjection', { path: '/x', modelId: 'm', setId: 's', dims: 3 });
    await until(() => signals.length === 2, 1000);
    expect(signals[1].aborted).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(signals.length).toBe(2);
    // A cancel for an unknown id is ignored and the connection keeps working.
    socket.ws.send(encodeFrame({ kind: 'cancel', id: 99 }));
    expect(await socket.call('getAppInfo', {})).toMatchObject({ kind: 'result' });
  });

  it('runs at most maxHeavyCalls heavy calls at once across connections; the rest queue, and a queued call of a departed client never runs', async () => {
    let running = 0;
    let peak = 0;
    let started = 0;
    const release: (() => void)[] = [];
    server = await startServer({
      engine: engineWith({
        exportReport: () => {
          running++;
          started++;
          peak = Math.max(peak, running);
          return new Promise((resolve) => release.push(() => (running--, resolve({ fileName: 'r.html', mimeType: 'text/html', bytes: new Uint8Array(1) }))));
        },
      }),
      staticDir: staticDir(), port: 0, maxHeavyCalls: 2,
    });
    const clients = await Promise.all([1, 2, 3, 4].map(() => connect()));
    const calls = clients.slice(0, 3).map((c) => c.call('exportReport', { path: '/x', format: 'pdf' }));
    await until(() => started === 2);
    await new Promise((r) => setTimeout(r, 200)); // the third is queued by now
    void clients[3].call('exportReport', { path: '/x', format: 'pdf' });
    await new Promise((r) => setTimeout(r, 200));
    clients[3].ws.terminate(); // queued behind the third: must never start
    await new Promise((r) => setTimeout(r, 100));
    while (release.length > 0 || started < 3) {
      release.splice(0).forEach((r) => r());
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await Promise.all(calls)).every((r) => r.kind === 'result')).toBe(true);
    expect(peak).toBe(2);
    expect(started).toBe(3);
  });

  it('drops a client that keeps calling without reading its replies, and keeps answering others', async () => {
    const big = new Float32Array(1024 * 1024); // 4 MiB per reply
    server = await startServer({
      engine: engineWith({ getSampleMetrics: async () => ({ count: big.length, length: big }) }),
      staticDir: staticDir(), port: 0, limits: { maxRunning: 4, maxInFlight: 4, maxBufferedBytes: 1024 * 1024, maxQueuedReplies: 8 },
    });
    const reader = await connect();
    const slow = await connect();
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause(); // never reads again
    for (let i = 0; i < 40; i++) void slow.call('getSampleMetrics', { path: '/x', modelId: 'm', setId: 's' });
    await until(() => server!.connectionCount() === 1, 10_000);
    const started = performance.now();
    expect(await reader.call('getAppInfo', {})).toMatchObject({ kind: 'result' });
    expect(performance.now() - started).toBeLessThan(250);
  });

  it(`refuses connections beyond ${MAX_CONNECTIONS} with 503`, async () => {
    server = await startServer({ engine: engineWith({}), staticDir: staticDir(), port: 0 });
    await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => connect()));
    expect(server.connectionCount()).toBe(MAX_CONNECTIONS);
    await expect(connect()).rejects.toMatchObject({ status: 503 });
    sockets.pop()!.ws.terminate();
    await until(() => server!.connectionCount() === MAX_CONNECTIONS - 1);
    expect(await (await connect()).call('getAppInfo', {})).toMatchObject({ kind: 'result' });
  });
});
