// `prunelens serve`: the built renderer over HTTP and the engine over one WebSocket (/ws),
// with binary frames (typed arrays as raw bytes). Loopback by default.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { dispatchRequest } from '../../src-shared/api/rpc';
import type { RpcMessage } from '../../src-shared/api/rpc';
import { decodeFrame, encodeFrame } from '../../src-shared/api/wire-codec';
import type { Engine } from '../engine/engine';
import { serveStatic } from './static-files';

export interface ServeOptions {
  engine: Engine;
  staticDir: string;
  host?: string;
  port?: number;
  /** Largest accepted WebSocket message, bytes. */
  maxMessageBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const http = createServer((request, response) => {
    serveStatic(options.staticDir, request, response).catch(() => response.writeHead(500).end());
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 1024 * 1024 });
  const clients = new Set<WebSocket>();
  const unsubscribe = options.engine.subscribe((event) => {
    const frame = encodeFrame({ kind: 'event', event } satisfies RpcMessage);
    for (const client of clients) client.send(frame);
  });

  http.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://x').pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
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
    http.listen(options.port ?? 7878, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    async close() {
      unsubscribe();
      for (const client of clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
