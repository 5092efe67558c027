// The preload: exposes exactly three functions on window.prunelens (see src-shared/api/bridge), and
// nothing else. It also turns files or folders dropped on the window into their paths (which the
// sandboxed page cannot learn) and sends them to the main process; the page never sees them
// unless the main process answers with an open-bundle-request event. It also passes the page its
// end of the bulk channel to the engine (bulk-port-preload.ts).
// Bundled to CommonJS because sandboxed preloads cannot load ES modules.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, IPC_CALL_CHANNEL, IPC_CANCEL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/api/bridge';
import type { PreloadBridge } from '../../src-shared/api/bridge';
import type { ApiEvent } from '../../src-shared/api/contract';
import type { RpcResponse } from '../../src-shared/api/rpc';
import { relayBulkPorts } from './bulk-port-preload';
import { IPC_DROP_CHANNEL } from './shell-channels';

export const bridge: PreloadBridge = {
  call: (method: string, input: unknown, callId?: number) =>
    (callId === undefined ? ipcRenderer.invoke(IPC_CALL_CHANNEL, String(method), input) : ipcRenderer.invoke(IPC_CALL_CHANNEL, String(method), input, Number(callId))) as Promise<RpcResponse>,
  cancel: (callId: number) => ipcRenderer.send(IPC_CANCEL_CHANNEL, Number(callId)),
  onEvent: (listener: (event: ApiEvent) => void) => {
    const handler = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
relayBulkPorts(ipcRenderer, window);

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

// Capture phase on window: runs before any page handler, so a drop is never lost to the page.
window.addEventListener('dragover', (event) => {
  if (carriesFiles(event)) event.preventDefault(); // allow dropping files (no navigation)
}, true);
window.addEventListener('drop', (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault();
  const paths = Array.from(event.dataTransfer?.files ?? [])
    .slice(0, 16)
    .map((file) => webUtils.getPathForFile(file))
    .filter((p) => p.length > 0);
  if (paths.length > 0) ipcRenderer.send(IPC_DROP_CHANNEL, paths);
}, true);
