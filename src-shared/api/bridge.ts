// The object the Electron preload exposes on `window.prunelens`: two functions, nothing else.
import type { ApiEvent } from './contract';
import type { RpcResponse } from './rpc';

export const BRIDGE_KEY = 'prunelens';
export const IPC_CALL_CHANNEL = 'prunelens:call';
export const IPC_EVENT_CHANNEL = 'prunelens:event';

export interface PreloadBridge {
  /** Calls an API method; resolves to the RPC response (errors are values, not rejections). */
  call(method: string, input: unknown): Promise<RpcResponse>;
  /** Subscribes to engine events; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}
