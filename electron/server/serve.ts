// `prunelens serve`: the built renderer over HTTP and the engine over one WebSocket (/ws),
// with binary frames (typed arrays as raw bytes). Loopback by default; any other address needs a
// token (see auth.ts). Give it a confined engine (confine.ts) when remote clients may connect.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { PruneLensError } from '../../src-shared/api/errors';
import { dispatchRequest } from '../../src-shared/api/rpc';
import type { RpcMessage } from '../../src-shared/api/rpc';
import { decodeFrame, encodeFrame } from '../../src-shared/api/wire-codec';
import type { Engine } from '../engine/engine';
import { authorize, isLoopbackAddress, TOKEN_PATTERN, tokenCookie } from './auth';
import { contentSecurityPolicy, securityHeaders, webSocketSources } from './security-headers';
import { serveStatic } from './static-files';

export interface ServeOptions {
  engine: Engine;
  staticDir: string;
  host?: string;
  port?: number;
  /** Required for non-loopback hosts; optional on loopback. */
  token?: string | null;
  /** Largest accepted WebSocket message, bytes. */
  maxMessageBytes?: number;
}

export interface RunningServer {
  /** The address to open, with `?token=` when a token is set. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const statusText: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large' };

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
    const auth = authorize(request, { token, port }, { webSocket: false });
    if (!auth.ok) {
      const extra: Record<string, string> = auth.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="PruneLens"' } : {};
      response.writeHead(auth.status, { ...headers, ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(auth.reason + '\n');
      return;
    }
    // A request authenticated by header or query gets the cookie, so the page's own assets load.
    if (token && (auth.via === 'query' || auth.via === 'header')) headers['Set-Cookie'] = tokenCookie(port, token);
    await serveStatic(options.staticDir, request, response, headers);
  };
  const http = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 1024 * 1024 });
  const clients = new Set<WebSocket>();
  const unsubscribe = options.engine.subscribe((event) => {
    const frame = encodeFrame({ kind: 'event', event } satisfies RpcMessage);
    for (const client of clients) client.send(frame);
  });

  http.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (new URL(request.url ?? '/', 'http://x').pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not found.');
    const auth = authorize(request, { token, port }, { webSocket: true });
    if (!auth.ok) return refuseUpgrade(socket, auth.status, auth.reason);
    wss.handleUpgrade(request, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      // Protocol errors (oversized or malformed frames) close that socket only; never the server.
      ws.on('error', () => ws.terminate());
      ws.on('message', async (data, isBinary) => {
        let request: unknown;
        try {
          request = isBinary ? decodeFrame(new Uint8Array(data as Buffer)) : JSON.parse(String(data));
        } catch {
          request = null;
        }
        const response = await dispatchRequest(options.engine, request);
        if (ws.readyState === ws.OPEN) ws.send(encodeFrame(response));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
  port = (http.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/${token ? `?token=${token}` : ''}`,
    port,
    async close() {
      unsubscribe();
      for (const client of clients) client.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
