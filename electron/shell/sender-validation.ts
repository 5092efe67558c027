// Every IPC message must come from our own renderer's top frame: app://prunelens/index.html.
// A foreign frame (an iframe, a navigated-away page, a file:// page) is rejected.
import { isAppPageUrl } from './app-protocol';

export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  if (!frame || frame.parent) return false;
  return isAppPageUrl(frame.url);
}
