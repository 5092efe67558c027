// The preload: exposes exactly two functions on window.prunelens (see src-shared/api/bridge).
// Bundled to CommonJS because sandboxed preloads cannot load ES modules.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/api/bridge';
import type { PreloadBridge } from '../../src-shared/api/bridge';
import type { ApiEvent } from '../../src-shared/api/contract';
import type { RpcResponse } from '../../src-shared/api/rpc';

export const bridge: PreloadBridge = {
  call: (method: string, input: unknown) => ipcRenderer.invoke(IPC_CALL_CHANNEL, String(method), input) as Promise<RpcResponse>,
  onEvent: (listener: (event: ApiEvent) => void) => {
    const handler = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
