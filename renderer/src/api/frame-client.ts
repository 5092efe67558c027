// The client half of a binary-frame channel, shared by serve mode's WebSocket (ws-transport.ts)
// and the desktop bulk port (port-transport.ts): calls and cancels out as wire-codec frames,
// replies and events in through the one decoder — so both modes read bulk data identically.
import type { ApiEvent, ApiEventListener, ApiMethodName } from '../../../src-shared/api/contract';
import type { PruneLensError } from '../../../src-shared/base/errors';
import { EventHub, PendingCalls, cancelledError } from '../../../src-shared/api/rpc';
import type { RpcMessage } from '../../../src-shared/api/rpc';
import { decodeFrame, encodeFrame } from '../../../src-shared/api/wire-codec';

export type SendFrame = (frame: Uint8Array<ArrayBuffer>) => unknown;

export interface FrameClient {
  /** A frame from the engine: settles its call or emits its event. */
  receive(bytes: Uint8Array): void;
  /** Sends a call frame through `send`; an abort settles it `cancelled` and sends a cancel frame. */
  call(send: SendFrame, method: ApiMethodName, input: unknown, signal?: AbortSignal): Promise<unknown>;
  failAll(error: PruneLensError): void;
  /** A local event (e.g. the transport's own disconnect notice) to this client's subscribers. */
  emit(event: ApiEvent): void;
  subscribe(listener: ApiEventListener): () => void;
}

export function createFrameClient(): FrameClient {
  const pending = new PendingCalls();
  const events = new EventHub();
  return {
    receive(bytes) {
      const decoded = decodeFrame(bytes) as RpcMessage;
      if (decoded.kind === 'event') events.emit(decoded.event);
      else if (decoded.kind === 'result' || decoded.kind === 'error') pending.settle(decoded);
    },
    call(send, method, input, signal) {
      if (signal?.aborted) return Promise.reject(cancelledError());
      const { id, result } = pending.open();
      send(encodeFrame({ kind: 'call', id, method, input } satisfies RpcMessage));
      signal?.addEventListener('abort', () => {
        if (pending.cancel(id)) send(encodeFrame({ kind: 'cancel', id } satisfies RpcMessage));
      }, { once: true });
      return result;
    },
    failAll: (error) => pending.failAll(error),
    emit: (event) => events.emit(event),
    subscribe: (listener) => events.subscribe(listener),
  };
}
