// A minimal Node client of the serve-mode WebSocket, for tests and scripts: connect (with optional
// headers or subprotocols), call a method, get the raw RPC response back.
import { WebSocket } from 'ws';
import type { RpcResponse } from '../../../src-shared/api/rpc';
import { decodeFrame, encodeFrame } from '../../../src-shared/api/wire-codec';

export interface RpcSocket {
  ws: WebSocket;
  call(method: string, input: unknown): Promise<RpcResponse>;
  close(): void;
}

/** Resolves when open; rejects with the HTTP status when the upgrade is refused. */
export function connectRpc(url: string, headers: Record<string, string> = {}, protocols: string[] = []): Promise<RpcSocket> {
  const ws = new WebSocket(url, protocols, { headers });
  ws.binaryType = 'arraybuffer';
  let nextId = 1;
  const pending = new Map<number, (response: RpcResponse) => void>();
  ws.on('message', (data: ArrayBuffer) => {
    const decoded = decodeFrame(new Uint8Array(data)) as RpcResponse | { kind: 'event' };
    if (decoded.kind === 'event') return;
    pending.get(decoded.id)?.(decoded);
    pending.delete(decoded.id);
  });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_request, response) => {
      reject(Object.assign(new Error(`upgrade refused with ${response.statusCode}`), { status: response.statusCode }));
      ws.terminate();
    });
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        call(method, input) {
          const id = nextId++;
          return new Promise((settle) => {
            pending.set(id, settle);
            ws.send(encodeFrame({ kind: 'call', id, method, input }));
          });
        },
        close: () => ws.close(),
      }),
    );
  });
}
