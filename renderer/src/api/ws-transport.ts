// Serve-mode transport: one WebSocket to the engine, binary frames both ways.
import type { ApiEventListener, ApiMethodName } from '../../../src-shared/api/contract';
import { PruneLensError } from '../../../src-shared/api/errors';
import { EventHub, PendingCalls, cancelledError } from '../../../src-shared/api/rpc';
import type { ClientTransport, RpcMessage } from '../../../src-shared/api/rpc';
import { decodeFrame, encodeFrame } from '../../../src-shared/api/wire-codec';
import { webSocketProtocols } from '../../../src-shared/api/ws-protocol';

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
  const pending = new PendingCalls();
  const events = new EventHub();
  const socket = new WebSocket(url, webSocketProtocols(token));
  socket.binaryType = 'arraybuffer';
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new PruneLensError('unavailable', `Cannot reach the PruneLens engine at ${url}.`)), { once: true });
  });
  opened.catch(() => undefined);
  socket.addEventListener('message', (message) => {
    const decoded = decodeFrame(new Uint8Array(message.data as ArrayBuffer)) as RpcMessage;
    if (decoded.kind === 'event') events.emit(decoded.event);
    else if (decoded.kind === 'result' || decoded.kind === 'error') pending.settle(decoded);
  });
  socket.addEventListener('close', () => {
    pending.failAll(new PruneLensError('unavailable', 'The connection to the PruneLens engine was closed. Is `prunelens serve` still running?'));
    events.emit({ type: 'log', level: 'error', message: 'Disconnected from the engine.' });
  });
  return {
    async call(method: ApiMethodName, input: unknown, signal?: AbortSignal) {
      await opened;
      if (signal?.aborted) throw cancelledError();
      const { id, result } = pending.open();
      socket.send(encodeFrame({ kind: 'call', id, method, input } satisfies RpcMessage));
      signal?.addEventListener('abort', () => {
        if (pending.cancel(id) && socket.readyState === WebSocket.OPEN) socket.send(encodeFrame({ kind: 'cancel', id } satisfies RpcMessage));
      }, { once: true });
      return result;
    },
    subscribe: (listener: ApiEventListener) => events.subscribe(listener),
  };
}
