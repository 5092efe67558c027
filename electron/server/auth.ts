// Serve-mode access control. With a token, every HTTP request and WebSocket upgrade must carry it:
// `Authorization: Bearer <token>`, `?token=<token>`, or the HttpOnly cookie set on the first
// request authenticated by one of those (so the page's scripts, styles and workers load without
// the token in their URLs). Without a token (loopback only), the Host header must name this
// machine, which defeats DNS rebinding; WebSockets from another site's page are refused by Origin.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** URL- and cookie-safe, long enough to resist guessing. */
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

/** Cookies are not per-port: the name carries the port so two servers on one host do not clash. */
export function tokenCookieName(port: number): string {
  return `prunelens_token_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export type TokenSource = 'header' | 'query' | 'cookie';

/** The token a request presents, by precedence header > query > cookie; null when none. */
export function presentedToken(request: IncomingMessage, port: number): { token: string; via: TokenSource } | null {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return { token: match ? match[1] : '', via: 'header' };
  }
  const query = new URL(request.url ?? '/', 'http://x').searchParams.get('token');
  if (query !== null) return { token: query, via: 'query' };
  const name = tokenCookieName(port);
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return { token: value.join('='), via: 'cookie' };
  }
  return null;
}

export type AuthResult = { ok: true; via: TokenSource | null } | { ok: false; status: 401 | 403; reason: string };

export interface AuthPolicy {
  token: string | null;
  port: number;
}

/** Decides one HTTP request or WebSocket upgrade. */
export function authorize(request: IncomingMessage, policy: AuthPolicy, options: { webSocket: boolean }): AuthResult {
  if (options.webSocket && !originMatchesHost(request.headers.origin, request.headers.host)) {
    return { ok: false, status: 403, reason: 'WebSocket from another origin refused.' };
  }
  if (!policy.token) {
    if (!isLoopbackHostHeader(request.headers.host)) return { ok: false, status: 403, reason: 'Host not allowed (this server answers only to localhost).' };
    return { ok: true, via: null };
  }
  const presented = presentedToken(request, policy.port);
  if (!presented) return { ok: false, status: 401, reason: 'A token is required: open the URL printed by `prunelens serve` (it ends in ?token=…).' };
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
