// Serve-mode transport: one WebSocket to the engine, binary frames both ways (frame-client.ts).
import type { ApiEventListener, ApiMethodName } from '../../../src-shared/api/contract';
import { PruneLensError } from '../../../src-shared/base/errors';
import type { ClientTransport } from '../../../src-shared/api/rpc';
import { webSocketProtocols } from '../../../src-shared/api/ws-protocol';
import { createFrameClient } from './frame-client';

/** The page's own server's socket; the token never goes in the URL (see session-token.ts). */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/ws`;
}

/** What the page hands the transport worker (as the worker's name): where to connect and the token. */
export interface SocketTarget {
  url: string;
  token: string | null;
}

export function createWebSocketTransport({ url, token }: SocketTarget): ClientTransport {
  const client = createFrameClient();
  const socket = new WebSocket(url, webSocketProtocols(token));
  socket.binaryType = 'arraybuffer';
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new PruneLensError('unavailable', `Cannot reach the PruneLens engine at ${url}.`)), { once: true });
  });
  opened.catch(() => undefined);
  socket.addEventListener('message', (message) => client.receive(new Uint8Array(message.data as ArrayBuffer)));
  socket.addEventListener('close', () => {
    client.failAll(new PruneLensError('unavailable', 'The connection to the PruneLens engine was closed. Is `prunelens serve` still running?'));
    client.emit({ type: 'log', level: 'error', message: 'Disconnected from the engine.' });
  });
  return {
    async call(method: ApiMethodName, input: unknown, signal?: AbortSignal) {
      await opened;
      return client.call((frame) => socket.readyState === WebSocket.OPEN && socket.send(frame), method, input, signal);
    },
    subscribe: (listener: ApiEventListener) => client.subscribe(listener),
  };
}
