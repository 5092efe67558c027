// Runs a transport on the far side of a message port (a Web Worker): the worker receives and
// decodes the engine's frames, and the UI thread gets the results with their typed arrays
// transferred, not copied — multi-megabyte metric frames never block the UI thread.
import type { ApiEventListener, ApiMethodName } from '../../../src-shared/api/contract';
import { PruneLensError, toErrorPayload } from '../../../src-shared/base/errors';
import { EventHub, PendingCalls, cancelledError } from '../../../src-shared/api/rpc';
import type { ClientTransport, RpcCancel, RpcEventMessage, RpcRequest, RpcResponse } from '../../../src-shared/api/rpc';
import { transferables } from '../workers/transferables';

type RelayReply = RpcResponse | RpcEventMessage;

/** What both ends need of a Worker, a worker scope or a MessagePort. */
export interface RelayPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** The worker side: forwards calls to `transport`, replies and events back through `port`. */
export function serveRelay(transport: ClientTransport, port: RelayPort): void {
  transport.subscribe((event) => port.postMessage({ kind: 'event', event } satisfies RelayReply, transferables(event)));
  const controllers = new Map<number, AbortController>();
  port.addEventListener('message', (message: MessageEvent<RpcRequest | RpcCancel>) => {
    const request = message.data;
    if (request?.kind === 'cancel') controllers.get(request.id)?.abort();
    if (request?.kind !== 'call') return;
    const controller = new AbortController();
    controllers.set(request.id, controller);
    transport
      .call(request.method as ApiMethodName, request.input, controller.signal)
      .then(
        (value) => port.postMessage({ kind: 'result', id: request.id, value } satisfies RelayReply, transferables(value)),
        (error: unknown) => port.postMessage({ kind: 'error', id: request.id, error: toErrorPayload(error) } satisfies RelayReply),
      )
      .finally(() => controllers.delete(request.id));
  });
}

/** The UI side: a transport whose calls go through `port` to a `serveRelay`. */
export function createRelayedTransport(port: RelayPort): ClientTransport {
  const pending = new PendingCalls();
  const events = new EventHub();
  port.addEventListener('message', (message: MessageEvent<RelayReply>) => {
    const reply = message.data;
    if (reply.kind === 'event') events.emit(reply.event);
    else pending.settle(reply);
  });
  return {
    call(method, input, signal) {
      if (signal?.aborted) return Promise.reject(cancelledError());
      const { id, result } = pending.open();
      try {
        port.postMessage({ kind: 'call', id, method, input } satisfies RpcRequest);
      } catch (error) {
        pending.settle({ kind: 'error', id, error: toErrorPayload(new PruneLensError('bad-request', `Cannot send ${method}: ${(error as Error).message}`)) });
      }
      signal?.addEventListener('abort', () => {
        if (pending.cancel(id)) port.postMessage({ kind: 'cancel', id } satisfies RpcCancel);
      }, { once: true });
      return result;
    },
    subscribe: (listener: ApiEventListener) => events.subscribe(listener),
  };
}
