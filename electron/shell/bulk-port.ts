// Main-process side of the desktop bulk channel (src-shared/api/bulk-channel.ts): a fresh
// MessageChannelMain whose one end goes to the engine's utility process and the other to the
// window's top frame — only while that frame shows our own page (the sender check of every IPC
// message, applied before a port is handed out, as VS Code's ipcMessagePort does). Called when a
// page finishes loading and whenever a new engine process starts, so a reload or an engine
// restart always leaves the page with a live port; bulk bytes then never pass through here.
import type { MessagePortMain, WebContents } from 'electron';
import { BULK_PORT_CHANNEL } from '../../src-shared/api/bulk-channel';
import type { EngineProcess } from './engine-process';
import { isTrustedSender } from './sender-validation';
import type { SenderFrameLike } from './sender-validation';

type ChannelConstructor = new () => { port1: MessagePortMain; port2: MessagePortMain };
type FramePort = SenderFrameLike & { postMessage(channel: string, message: unknown, transfer?: MessagePortMain[]): void };
export type BulkPortTarget = Pick<WebContents, 'isDestroyed'> & { mainFrame: FramePort | null };

export interface BulkPortBroker {
  /** Hands a fresh channel to the engine and the page; false (nothing created) if the page is not ours. */
  connect(): boolean;
}

export function createBulkPortBroker(MessageChannel: ChannelConstructor, engine: Pick<EngineProcess, 'attachPort'>, target: () => BulkPortTarget | null): BulkPortBroker {
  return {
    connect() {
      const contents = target();
      const frame = contents && !contents.isDestroyed() ? contents.mainFrame : null;
      if (!frame || !isTrustedSender(frame)) return false;
      const { port1, port2 } = new MessageChannel();
      engine.attachPort(port1);
      frame.postMessage(BULK_PORT_CHANNEL, null, [port2]);
      return true;
    },
  };
}
