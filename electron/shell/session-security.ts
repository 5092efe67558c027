// Session-wide rules: permission requests and checks are denied except full screen and clipboard
// writes from our own page; requests to the network are cancelled (the desktop app loads nothing
// remote: its page comes from app://, the engine is reached over IPC).
import type { Session } from 'electron';
import { APP_ORIGIN } from './app-protocol';

const ALLOWED_FROM_APP = new Set(['fullscreen', 'clipboard-sanitized-write']);

export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  if (!ALLOWED_FROM_APP.has(permission) || !requestingUrl) return false;
  try {
    const url = new URL(requestingUrl); // Node gives custom schemes an opaque origin: compare parts
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

type SecurableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
};

export function setupSessionSecurity(session: SecurableSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  session.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (_details, callback) => callback({ cancel: true }));
}
