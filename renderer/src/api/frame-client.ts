// The client half of a binary-frame channel, shared by serve mode's WebSocket (ws-transport.ts)
// and the desktop bulk port (port-transport.ts): calls and cancels out as wire-codec frames,
// replies and events in through the one decoder — so both modes read bulk data identically.
// At most MAX_CALLS_IN_FLIGHT calls are sent at once (serve answers more with `busy`); the rest
// wait in order, each sent when an earlier one settles (a view asking for many models at once).
import type { ApiEvent, ApiEventListener, ApiMethodName } from '../../../src-shared/api/contract';
import type { PruneLensError } from '../../../src-shared/base/errors';
import { EventHub, MAX_CALLS_IN_FLIGHT, PendingCalls, cancelledError } from '../../../src-shared/api/rpc';
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

interface Waiter {
  go(): void;
  fail(error: Error): void;
}

export function createFrameClient(maxInFlight = MAX_CALLS_IN_FLIGHT): FrameClient {
  const pending = new PendingCalls();
  const events = new EventHub();
  let inFlight = 0;
  const waiting: Waiter[] = [];
  // A settled call hands its slot straight to the next waiter (no gap another call could take).
  const release = () => {
    const next = waiting.shift();
    if (next) next.go();
    else inFlight--;
  };
  const slot = (signal?: AbortSignal): Promise<void> => {
    if (inFlight < maxInFlight) {
      inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        go: () => {
          signal?.removeEventListener('abort', abort);
          resolve();
        },
        fail: reject,
      };
      const abort = () => {
        waiting.splice(waiting.indexOf(waiter), 1);
        reject(cancelledError());
      };
      waiting.push(waiter);
      signal?.addEventListener('abort', abort, { once: true });
    });
  };
  return {
    receive(bytes) {
      const decoded = decodeFrame(bytes) as RpcMessage;
      if (decoded.kind === 'event') events.emit(decoded.event);
      else if (decoded.kind === 'result' || decoded.kind === 'error') pending.settle(decoded);
    },
    async call(send, method, input, signal) {
      if (signal?.aborted) throw cancelledError();
      await slot(signal);
      const { id, result } = pending.open();
      send(encodeFrame({ kind: 'call', id, method, input } satisfies RpcMessage));
      signal?.addEventListener('abort', () => {
        if (pending.cancel(id)) send(encodeFrame({ kind: 'cancel', id } satisfies RpcMessage));
      }, { once: true });
      return result.finally(release);
    },
    failAll: (error) => {
      for (const waiter of waiting.splice(0)) waiter.fail(error);
      pending.failAll(error);
    },
    emit: (event) => events.emit(event),
    subscribe: (listener) => events.subscribe(listener),
  };
}
