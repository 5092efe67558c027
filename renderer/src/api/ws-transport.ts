// Serve-mode transport: one WebSocket to the engine, binary frames both ways.
import type { ApiEventListener, ApiMethodName } from '../../../src-shared/api/contract';
import { PruneLensError } from '../../../src-shared/api/errors';
import { EventHub, PendingCalls } from '../../../src-shared/api/rpc';
import type { ClientTransport, RpcMessage } from '../../../src-shared/api/rpc';
import { decodeFrame, encodeFrame } from '../../../src-shared/api/wire-codec';

export function webSocketUrl(location: Location): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(location.search).get('token');
  return `${protocol}//${location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

export function createWebSocketTransport(url: string): ClientTransport {
  const pending = new PendingCalls();
  const events = new EventHub();
  const socket = new WebSocket(url);
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
    async call(method: ApiMethodName, input: unknown) {
      await opened;
      const { id, result } = pending.open();
      socket.send(encodeFrame({ kind: 'call', id, method, input } satisfies RpcMessage));
      return result;
    },
    subscribe: (listener: ApiEventListener) => events.subscribe(listener),
  };
}
