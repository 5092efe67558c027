// IPC between the renderer and the engine: one invoke channel, one event channel, and two
// one-way channels: cancelling a call (by the id the page gave it) and file drops. Every message's sender is validated first; method names are
// checked against the contract here and inputs against its schemas (by dispatchRequest, here for
// the methods the shell answers itself, and again in the engine process for the rest).
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_CANCEL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/api/bridge';
import type { ApiEvent, ApiMethodName, PruneLensApi } from '../../src-shared/api/contract';
import { isApiMethodName } from '../../src-shared/api/contract';
import { dispatchRequest } from '../../src-shared/api/rpc';
import type { RpcResponse } from '../../src-shared/api/rpc';
import type { SenderFrameLike } from './sender-validation';
import { IPC_DROP_CHANNEL } from './shell-channels';

export interface IpcBridgeOptions {
  isTrusted(frame: SenderFrameLike | null | undefined): boolean;
  /** Every call from a trusted sender (the page is loaded and subscribed). */
  onCall?(): void;
  /** `signal` aborts when the page cancels the call: the engine process is told to stop it. */
  forward(method: ApiMethodName, input: unknown, signal?: AbortSignal): Promise<RpcResponse>;
  /** Methods the shell answers itself (e.g. restartEngine respawns the engine process). */
  local?: Partial<PruneLensApi>;
  /** Rewrites a call's input before forwarding (settings defaults for startAnalysis). */
  prepare?(method: ApiMethodName, input: unknown): unknown;
  /** Sees every successful result (recent bundles are recorded from openBundle). */
  onResult?(method: ApiMethodName, value: unknown): void;
  /** Dropped paths, already checked: absolute, at most 16, each under 4096 characters. */
  onDrop?(paths: string[]): void;
}

const refused = (): RpcResponse => ({ kind: 'error', id: -1, error: { code: 'forbidden', message: 'IPC from an untrusted frame was refused.' } });

const isCallId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
/** Calls are cancellable per page: the same id from another webContents is another call. */
const callKey = (event: { sender?: { id?: number } }, callId: number) => `${event.sender?.id ?? 0}:${callId}`;

export function registerIpcBridge(ipcMain: Pick<IpcMain, 'handle' | 'on'>, options: IpcBridgeOptions): void {
  const cancellable = new Map<string, AbortController>();
  ipcMain.handle(IPC_CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown, callId?: unknown): Promise<RpcResponse> => {
    if (!options.isTrusted(event.senderFrame as SenderFrameLike | null)) return refused();
    options.onCall?.();
    if (!isApiMethodName(method)) return { kind: 'error', id: -1, error: { code: 'bad-request', message: `Unknown method '${String(method)}'.` } };
    const prepared = options.prepare ? options.prepare(method, input) : input;
    const key = isCallId(callId) ? callKey(event, callId) : null;
    const controller = key !== null && !cancellable.has(key) ? new AbortController() : null;
    if (controller) cancellable.set(key!, controller);
    let response: RpcResponse;
    try {
      if (options.local?.[method]) response = await dispatchRequest(options.local as PruneLensApi, { kind: 'call', id: 1, method, input: prepared }, controller ? { signal: controller.signal } : undefined);
      else response = controller ? await options.forward(method, prepared, controller.signal) : await options.forward(method, prepared);
    } finally {
      if (controller) cancellable.delete(key!);
    }
    if (response.kind === 'result') options.onResult?.(method, response.value);
    return response;
  });
  ipcMain.on(IPC_CANCEL_CHANNEL, (event: IpcMainEvent, callId: unknown) => {
    if (!options.isTrusted(event.senderFrame as SenderFrameLike | null) || !isCallId(callId)) return;
    cancellable.get(callKey(event, callId))?.abort();
  });
  ipcMain.on(IPC_DROP_CHANNEL, (event: IpcMainEvent, paths: unknown) => {
    if (!options.isTrusted(event.senderFrame as SenderFrameLike | null)) return;
    if (!Array.isArray(paths)) return;
    const valid = paths.filter((p): p is string => typeof p === 'string' && p.length > 0 && p.length < 4096 && isAbsolutePath(p) && !p.includes('\0')).slice(0, 16);
    if (valid.length > 0) options.onDrop?.(valid);
  });
}

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

export function broadcastEvent(targets: Iterable<Pick<WebContents, 'send' | 'isDestroyed'>>, event: ApiEvent): void {
  for (const target of targets) if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, event);
}
