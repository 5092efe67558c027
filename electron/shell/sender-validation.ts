// Every IPC message must come from our own renderer's top frame: the packaged index.html.
// A foreign frame (an iframe, a navigated-away page, devtools extensions) is rejected.
import { pathToFileURL } from 'node:url';

export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

export function isTrustedSender(frame: SenderFrameLike | null | undefined, rendererIndexPath: string): boolean {
  if (!frame || frame.parent) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  const expected = pathToFileURL(rendererIndexPath);
  return url.protocol === 'file:' && url.pathname === expected.pathname;
}
