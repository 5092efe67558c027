// Preload side of the desktop bulk channel (src-shared/api/bulk-channel.ts). The main process
// sends the page's port on one channel; it is taken only with that exact channel name, exactly one
// port, and only in the top frame (the preload of an iframe or another page never passes a port
// on). It is kept until the page asks for it (a window message from the page itself, so it is
// never posted before the page listens), then transferred to the page; a newer port (engine restart)
// replaces one not yet taken, and is passed on at once once the page has asked.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { BULK_PORT_CHANNEL, BULK_PORT_OFFER, BULK_PORT_REQUEST, isOwnWindowMessage } from '../../src-shared/api/bulk-channel';

export interface PreloadWindow {
  readonly top: unknown;
  postMessage(message: unknown, targetOrigin: string, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export function relayBulkPorts(ipc: Pick<IpcRenderer, 'on'>, win: PreloadWindow): void {
  let pending: MessagePort | null = null;
  let requested = false;
  const offer = () => {
    if (!requested || !pending) return;
    const port = pending;
    pending = null;
    win.postMessage({ type: BULK_PORT_OFFER }, '*', [port]); // to this window only: the page's own listener
  };
  ipc.on(BULK_PORT_CHANNEL, (event: IpcRendererEvent) => {
    if (win.top !== win || event.ports?.length !== 1) return;
    pending?.close();
    pending = event.ports[0];
    offer();
  });
  win.addEventListener('message', (event) => {
    if (!isOwnWindowMessage(event, win, BULK_PORT_REQUEST)) return;
    requested = true;
    offer();
  });
}
