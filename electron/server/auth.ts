// Serve-mode access control. With a token, every WebSocket upgrade must carry it, as
// `Authorization: Bearer <token>` or the subprotocol `prunelens-token.<token>` (what the page
// sends: it reads the token from the URL fragment `#token=…`, which browsers never send to any
// server). No cookie is ever set (cookies ignore ports). Static UI files need no token. Without a
// token (loopback only), the Host header must name this machine, which defeats DNS rebinding;
// WebSockets from another site's page are refused by Origin.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { TOKEN_PROTOCOL_PREFIX } from '../../src-shared/api/ws-protocol';

/** URL-safe and a valid subprotocol token (RFC 7230 tchar), long enough to resist guessing. */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/;

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison (hashing first makes the lengths equal and hides the true length). */
export function tokensEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export type TokenSource = 'header' | 'protocol';

/**
 * The token a WebSocket upgrade presents, by `Authorization: Bearer` or the token subprotocol;
 * null when none. Query strings and cookies never count: a URL ends up in logs and a cookie is
 * sent to every port of the host.
 */
export function presentedToken(request: IncomingMessage): { token: string; via: TokenSource } | null {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return { token: match ? match[1] : '', via: 'header' };
  }
  for (const protocol of String(request.headers['sec-websocket-protocol'] ?? '').split(',')) {
    const trimmed = protocol.trim();
    if (trimmed.startsWith(TOKEN_PROTOCOL_PREFIX)) return { token: trimmed.slice(TOKEN_PROTOCOL_PREFIX.length), via: 'protocol' };
  }
  return null;
}

export type AuthResult = { ok: true; via: TokenSource | null } | { ok: false; status: 401 | 403; reason: string };

export interface AuthPolicy {
  token: string | null;
}

/**
 * Decides one HTTP request or WebSocket upgrade. With a token, only the WebSocket (the engine)
 * needs it: the static UI files hold no secret.
 */
export function authorize(request: IncomingMessage, policy: AuthPolicy, options: { webSocket: boolean }): AuthResult {
  if (options.webSocket && !originMatchesHost(request.headers.origin, request.headers.host)) {
    return { ok: false, status: 403, reason: 'WebSocket from another origin refused.' };
  }
  if (!policy.token) {
    if (!isLoopbackHostHeader(request.headers.host)) return { ok: false, status: 403, reason: 'Host not allowed (this server answers only to localhost).' };
    return { ok: true, via: null };
  }
  if (!options.webSocket) return { ok: true, via: null };
  const presented = presentedToken(request);
  if (!presented) return { ok: false, status: 401, reason: 'A token is required: open the URL printed by `prunelens serve` (it ends in #token=…).' };
  if (!tokensEqual(presented.token, policy.token)) return { ok: false, status: 401, reason: 'Wrong token.' };
  return { ok: true, via: presented.via };
}

/** Browsers always send Origin on WebSocket upgrades; other clients may omit it. */
export function originMatchesHost(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false;
  }
}

export function isLoopbackAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
  return false;
}

export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(:\d+)?$/.exec(host);
  return match !== null && isLoopbackAddress(match[1]);
}
