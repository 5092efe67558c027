// Electron transport: the preload's bridge (structured clone keeps typed arrays). A call with a
// signal carries an id; when the signal aborts the call settles `cancelled` at once and the bridge
// is told to cancel it, so the engine stops its work (as serve mode's cancel frames do).
import type { ApiMethodName } from '../../../src-shared/api/contract';
import { PruneLensError } from '../../../src-shared/base/errors';
import type { PreloadBridge } from '../../../src-shared/api/bridge';
import { cancelledError } from '../../../src-shared/api/rpc';
import type { ClientTransport } from '../../../src-shared/api/rpc';

export function createIpcTransport(bridge: PreloadBridge): ClientTransport {
  let nextCallId = 1;
  return {
    async call(method: ApiMethodName, input: unknown, signal?: AbortSignal) {
      if (signal?.aborted) throw cancelledError();
      let response;
      if (!signal) {
        response = await bridge.call(method, input);
      } else {
        const callId = nextCallId++;
        let onAbort = () => {};
        const aborted = new Promise<never>((_, reject) => {
          onAbort = () => {
            bridge.cancel(callId);
            reject(cancelledError());
          };
          signal.addEventListener('abort', onAbort, { once: true });
        });
        try {
          response = await Promise.race([bridge.call(method, input, callId), aborted]);
        } finally {
          signal.removeEventListener('abort', onAbort);
        }
      }
      if (response.kind === 'error') throw PruneLensError.fromPayload(response.error);
      return response.value;
    },
    subscribe: (listener) => bridge.onEvent(listener),
  };
}
