// IPC between the renderer and the engine: one invoke channel, one event channel. Every message's
// sender is validated; the method name is checked against the contract here, the input by the
// engine's dispatcher (schema-checked).
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/api/bridge';
import type { ApiEvent } from '../../src-shared/api/contract';
import { isApiMethodName } from '../../src-shared/api/contract';
import type { RpcResponse } from '../../src-shared/api/rpc';
import type { SenderFrameLike } from './sender-validation';

export interface IpcBridgeOptions {
  isTrusted(frame: SenderFrameLike | null | undefined): boolean;
  forward(method: string, input: unknown): Promise<RpcResponse>;
}

export function registerIpcBridge(ipcMain: Pick<IpcMain, 'handle'>, options: IpcBridgeOptions): void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<RpcResponse> => {
    if (!options.isTrusted(event.senderFrame as SenderFrameLike | null)) {
      return { kind: 'error', id: -1, error: { code: 'forbidden', message: 'IPC from an untrusted frame was refused.' } };
    }
    if (!isApiMethodName(method)) return { kind: 'error', id: -1, error: { code: 'bad-request', message: `Unknown method '${String(method)}'.` } };
    return options.forward(method, input);
  });
}

export function broadcastEvent(targets: Iterable<Pick<WebContents, 'send' | 'isDestroyed'>>, event: ApiEvent): void {
  for (const target of targets) if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, event);
}
