// `prunelens serve`: the built renderer over HTTP and the engine over one WebSocket (/ws),
// with binary frames (typed arrays as raw bytes). Loopback by default; any other address needs a
// token (see auth.ts). Give it a confined engine (confine.ts) when remote clients may connect.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { PruneLensError } from '../../src-shared/base/errors';
import type { RpcMessage } from '../../src-shared/api/rpc';
import { encodeFrame } from '../../src-shared/api/wire-codec';
import { APP_PROTOCOL } from '../../src-shared/api/ws-protocol';
import type { Engine } from '../engine/engine';
import { authorize, isLoopbackAddress, TOKEN_PATTERN } from './auth';
import { HeavyGate } from './heavy-gate';
import { contentSecurityPolicy, securityHeaders, webSocketSources } from './security-headers';
import { serveStatic } from './static-files';
import { DEFAULT_CONNECTION_LIMITS, serveConnection } from './ws-connection';
import type { Connection, ConnectionLimits } from './ws-connection';

/** WebSocket connections at once; more are refused with 503. */
export const MAX_CONNECTIONS = 64;

export interface ServeOptions {
  engine: Engine;
  staticDir: string;
  host?: string;
  port?: number;
  /** Required for non-loopback hosts; optional on loopback. */
  token?: string | null;
  /** Largest accepted WebSocket message, bytes. */
  maxMessageBytes?: number;
  /** Per-connection limits (tests lower them). */
  limits?: Partial<ConnectionLimits>;
  /** Heavy calls at once across all connections (default MAX_HEAVY_CALLS). */
  maxHeavyCalls?: number;
}

export interface RunningServer {
  /** The address to open, with `#token=` when a token is set (a fragment never leaves the browser). */
  url: string;
  port: number;
  /** WebSocket connections open now. */
  connectionCount(): number;
  close(): Promise<void>;
}

const statusText: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large', 503: 'Service Unavailable' };

function headersFor(request: IncomingMessage): Record<string, string> {
  return securityHeaders(contentSecurityPolicy({ connectSrc: webSocketSources(request.headers.host) }));
}

/** GET and HEAD only, and never with a body: nothing this server offers takes uploads. */
function hasBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = reason + '\n';
  socket.end(`HTTP/1.1 ${status} ${statusText[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (host.trim() === '') throw new PruneLensError('bad-request', 'The host must be an address to bind (127.0.0.1 for this machine only, 0.0.0.0 for every interface), not empty.');
  const token = options.token ?? null;
  if (token !== null && !TOKEN_PATTERN.test(token)) throw new PruneLensError('bad-request', 'The token must be 16–256 characters from A–Z a–z 0–9 . _ ~ -.');
  if (token === null && !isLoopbackAddress(host)) {
    throw new PruneLensError('bad-request', `Serving on ${host} (reachable from other machines) requires a token.`);
  }
  let port = options.port ?? 7878;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const headers = headersFor(request);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD', Connection: 'close' }).end();
      return;
    }
    if (hasBody(request)) {
      response.writeHead(413, { ...headers, Connection: 'close' }).end();
      return;
    }
    const auth = authorize(request, { token }, { webSocket: false });
    if (!auth.ok) {
      const extra: Record<string, string> = auth.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="PruneLens"' } : {};
      response.writeHead(auth.status, { ...headers, ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(auth.reason + '\n');
      return;
    }
    await serveStatic(options.staticDir, request, response, headers);
  };
  const http = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? 1024 * 1024,
    // The page offers `prunelens` and `prunelens-token.<token>`; the answer names only the former.
    handleProtocols: (protocols) => (protocols.has(APP_PROTOCOL) ? APP_PROTOCOL : false),
  });
  const clients = new Map<WebSocket, Connection>();
  const gate = new HeavyGate(options.maxHeavyCalls);
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  const unsubscribe = options.engine.subscribe((event) => {
    const frame = encodeFrame({ kind: 'event', event } satisfies RpcMessage);
    for (const connection of clients.values()) connection.sendEvent(frame);
  });

  http.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (new URL(request.url ?? '/', 'http://x').pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not found.');
    const auth = authorize(request, { token }, { webSocket: true });
    if (!auth.ok) return refuseUpgrade(socket, auth.status, auth.reason);
    if (clients.size >= MAX_CONNECTIONS) return refuseUpgrade(socket, 503, `Too many connections (${MAX_CONNECTIONS}).`);
    wss.handleUpgrade(request, socket, head, (ws) => {
      clients.set(ws, serveConnection(ws, options.engine, gate, limits));
      ws.on('close', () => clients.delete(ws));
      // Protocol errors (oversized or malformed frames) close that socket only; never the server.
      ws.on('error', () => ws.terminate());
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
  port = (http.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/${token ? `#token=${token}` : ''}`,
    port,
    connectionCount: () => clients.size,
    async close() {
      unsubscribe();
      for (const client of clients.keys()) client.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
