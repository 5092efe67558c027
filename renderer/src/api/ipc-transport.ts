// Electron transport: the preload's two-function bridge (structured clone keeps typed arrays).
import type { ApiMethodName } from '../../../src-shared/api/contract';
import { PruneLensError } from '../../../src-shared/api/errors';
import type { PreloadBridge } from '../../../src-shared/api/bridge';
import type { ClientTransport } from '../../../src-shared/api/rpc';

export function createIpcTransport(bridge: PreloadBridge): ClientTransport {
  return {
    async call(method: ApiMethodName, input: unknown) {
      const response = await bridge.call(method, input);
      if (response.kind === 'error') throw PruneLensError.fromPayload(response.error);
      return response.value;
    },
    subscribe: (listener) => bridge.onEvent(listener),
  };
}
