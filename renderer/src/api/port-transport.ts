// The desktop bulk channel's client, run in a Web Worker (bulk-port.worker.ts): bulk calls go to
// the engine's utility process over a MessagePort as wire-codec frames, decoded by the same
// frame client as serve mode's WebSocket. Calls wait for the first port; a newer port (page
// reload, engine restart) replaces the old one, whose calls in flight fail `unavailable`, as do
// those of a port whose far end closes (the engine process died).
import { BULK_PORT_HANDOVER } from '../../../src-shared/api/bulk-channel';
import type { ApiMethodName } from '../../../src-shared/api/contract';
import { PruneLensError } from '../../../src-shared/base/errors';
import type { ClientTransport } from '../../../src-shared/api/rpc';
import { createFrameClient } from './frame-client';

/** What the transport needs of a MessagePort (Electron's renderer ports also fire `close`). */
export interface FramePort {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message' | 'close', listener: (event: MessageEvent) => void): void;
  start(): void;
  close(): void;
}

export interface PortTransport extends ClientTransport {
  connect(port: FramePort): void;
}

const gone = () => new PruneLensError('unavailable', 'The engine connection was replaced or closed (engine restart); run the request again.');

export function createPortTransport(): PortTransport {
  const client = createFrameClient();
  let current: FramePort | null = null;
  let connected: (port: FramePort) => void = () => {};
  let firstPort = new Promise<FramePort>((resolve) => (connected = resolve));
  return {
    connect(port) {
      if (current) {
        current.close();
        client.failAll(gone());
      }
      current = port;
      port.addEventListener('message', (event) => {
        if (port !== current) return;
        const data: unknown = event.data;
        if (data instanceof ArrayBuffer) client.receive(new Uint8Array(data));
        else if (ArrayBuffer.isView(data)) client.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      });
      port.addEventListener('close', () => {
        if (port !== current) return;
        current = null;
        firstPort = new Promise<FramePort>((resolve) => (connected = resolve));
        client.failAll(gone());
      });
      port.start();
      connected(port);
    },
    async call(method: ApiMethodName, input: unknown, signal?: AbortSignal) {
      const port = current ?? (await firstPort);
      return client.call((frame) => port.postMessage(frame, [frame.buffer]), method, input, signal);
    },
    subscribe: (listener) => client.subscribe(listener),
  };
}

/** The worker's side of forwardBulkPorts (desktop-transport.ts): every handed-over port is connected. */
export function acceptHandedPorts(scope: { addEventListener(type: 'message', listener: (event: MessageEvent) => void): void }, transport: PortTransport): void {
  scope.addEventListener('message', (event) => {
    const data = event.data as { kind?: unknown } | null;
    if (data?.kind === BULK_PORT_HANDOVER && event.ports?.length === 1) transport.connect(event.ports[0] as unknown as FramePort);
  });
}
