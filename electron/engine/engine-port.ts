// The engine served over a message port (the desktop app's utilityProcess `parentPort`): calls are
// dispatched through the contract, each with an AbortSignal that an RpcCancel for its id fires —
// the desktop twin of serve mode's cancel frames — and every engine event is forwarded. A port
// handed over with a `bulk-port` message becomes the bulk channel (src-shared/api/bulk-channel.ts):
// wire-codec frames in and out, bulk methods only, no events.
import { BULK_PORT_HANDOVER, isBulkMethod } from '../../src-shared/api/bulk-channel';
import type { ApiEventListener, PruneLensApi } from '../../src-shared/api/contract';
import { dispatchRequest } from '../../src-shared/api/rpc';
import type { RpcMessage, RpcResponse } from '../../src-shared/api/rpc';
import { decodeFrame, encodeFrame } from '../../src-shared/api/wire-codec';

export interface EnginePort {
  on(event: 'message', listener: (message: { data: unknown; ports?: readonly EnginePort[] }) => void): void;
  postMessage(message: unknown): void;
  /** MessagePortMain queues messages until started; process.parentPort has no start. */
  start?(): void;
}

export interface PortEngine extends PruneLensApi {
  subscribe(listener: ApiEventListener): () => void;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function serveEngineOverPort(engine: PortEngine, port: EnginePort): void {
  engine.subscribe((event) => port.postMessage({ kind: 'event', event } satisfies RpcMessage));
  const handle = callHandler(engine, port, (data) => data, (response) => response);
  port.on('message', (message) => {
    if (!isRecord(message.data) || message.data.kind !== BULK_PORT_HANDOVER) handle(message);
    else if (message.ports?.length === 1) serveBulkPort(engine, message.ports[0]);
  });
}

/** The bulk channel: frames in, frames out; a method that is not bulk is refused (it must pass the shell). */
export function serveBulkPort(engine: PruneLensApi, port: EnginePort): void {
  const decode = (data: unknown): unknown => {
    if (!ArrayBuffer.isView(data)) return null;
    try {
      return decodeFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch {
      return null;
    }
  };
  const refuse = (request: Record<string, unknown>): RpcResponse | null =>
    request.kind === 'call' && !isBulkMethod(String(request.method))
      ? { kind: 'error', id: typeof request.id === 'number' ? request.id : -1, error: { code: 'forbidden', message: `'${String(request.method)}' is not a bulk method; call it through the shell.` } }
      : null;
  port.on('message', callHandler(engine, port, decode, encodeFrame, refuse));
  port.start?.();
}

/** Answers each call message on `port` (with its cancel), decoding and encoding as the port needs. */
function callHandler(
  engine: PruneLensApi,
  port: EnginePort,
  decode: (data: unknown) => unknown,
  encode: (response: RpcResponse) => unknown,
  refuse: (request: Record<string, unknown>) => RpcResponse | null = () => null,
): (message: { data: unknown }) => Promise<void> {
  const running = new Map<number, AbortController>();
  return async ({ data: raw }) => {
    const data = decode(raw);
    if (isRecord(data) && data.kind === 'cancel') {
      if (typeof data.id === 'number') running.get(data.id)?.abort();
      return;
    }
    const refused = isRecord(data) ? refuse(data) : null;
    if (refused) return port.postMessage(encode(refused));
    const id = isRecord(data) && typeof data.id === 'number' ? data.id : null;
    const controller = new AbortController();
    if (id !== null) running.set(id, controller);
    try {
      port.postMessage(encode(await dispatchRequest(engine, data, { signal: controller.signal })));
    } finally {
      if (id !== null && running.get(id) === controller) running.delete(id);
    }
  };
}
