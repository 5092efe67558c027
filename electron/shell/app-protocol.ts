// The renderer loads from app://prunelens/, a privileged custom scheme served from the built
// renderer folder, instead of file:// (Electron security checklist #18): the page cannot read
// other local files, has a proper origin for sender checks, and every response carries our
// Content-Security-Policy and security headers (file:// responses have no headers to set).
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { contentSecurityPolicy, securityHeaders } from '../server/security-headers';
import { contentTypeOf, resolveStaticFile } from '../server/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'prunelens';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } }]);
}

/** The app's own page: app://prunelens/ or /index.html (any query or hash). */
export function isAppPageUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && (parsed.pathname === '/' || parsed.pathname === '/index.html');
  } catch {
    return false;
  }
}

/** The desktop page talks to the engine over IPC only: no network sources at all. */
export const desktopCsp = contentSecurityPolicy();

export function appRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const headers = securityHeaders(desktopCsp);
  const notFound = () => new Response('Not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.host !== APP_HOST) return notFound();
    const file = await resolveStaticFile(rendererDir, url.pathname);
    if (!file) return notFound();
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': contentTypeOf(file), 'Cache-Control': 'no-cache' } });
  };
}

export function setupAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, appRequestHandler(rendererDir));
}
