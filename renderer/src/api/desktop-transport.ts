// The desktop app's transport: bulk methods (src-shared/api/bulk-channel.ts) through a worker
// holding the direct port to the engine, everything else — and every event — through the
// preload bridge (ipc-transport.ts), where the shell validates, rewrites and records calls.
import { BULK_PORT_HANDOVER, BULK_PORT_OFFER, BULK_PORT_REQUEST, isBulkMethod, isOwnWindowMessage } from '../../../src-shared/api/bulk-channel';
import type { ClientTransport } from '../../../src-shared/api/rpc';

export function routeBulkCalls(bridge: ClientTransport, bulk: ClientTransport): ClientTransport {
  return {
    call: (method, input, signal) => (isBulkMethod(method) ? bulk : bridge).call(method, input, signal),
    subscribe: (listener) => bridge.subscribe(listener),
  };
}

export interface PageWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Asks the preload for the bulk port and hands every port it offers (now and after restarts) to `worker`. */
export function forwardBulkPorts(win: PageWindow, worker: Pick<Worker, 'postMessage'>): void {
  win.addEventListener('message', (event) => {
    if (!isOwnWindowMessage(event, win, BULK_PORT_OFFER) || event.ports.length !== 1) return;
    worker.postMessage({ kind: BULK_PORT_HANDOVER }, [event.ports[0]]);
  });
  win.postMessage({ type: BULK_PORT_REQUEST }, '*');
}
