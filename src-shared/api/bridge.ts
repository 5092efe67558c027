// The object the Electron preload exposes on `window.prunelens`: three functions, nothing else.
// A call may carry a page-chosen id, which `cancel` names to stop it: the shell aborts that call's
// signal and passes an RpcCancel to the engine process, as serve mode's cancel frame does.
import type { ApiEvent } from './contract';
import type { RpcResponse } from './rpc';

export const BRIDGE_KEY = 'prunelens';
export const IPC_CALL_CHANNEL = 'prunelens:call';
export const IPC_EVENT_CHANNEL = 'prunelens:event';
export const IPC_CANCEL_CHANNEL = 'prunelens:cancel';

export interface PreloadBridge {
  /** Calls an API method; resolves to the RPC response (errors are values, not rejections). `callId` (a positive integer, unique per page) lets `cancel` stop it. */
  call(method: string, input: unknown, callId?: number): Promise<RpcResponse>;
  /** The page no longer wants call `callId`: its work is cancelled and it answers `cancelled`. */
  cancel(callId: number): void;
  /** Subscribes to engine events; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}
