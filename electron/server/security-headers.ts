// Response headers for everything PruneLens serves: serve mode's HTTP responses and the desktop
// app's app:// scheme. One Content-Security-Policy for both, stricter than the renderer's meta tag
// (both apply, so the stricter wins): no remote scripts, frames, forms, plugins or base changes.

export interface CspOptions {
  /** Extra connect-src sources (serve mode: this server's exact ws:// origin). */
  connectSrc?: string[];
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    ['connect-src', "'self'", ...(options.connectSrc ?? [])].join(' '),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers on every response, errors included. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}

/**
 * The WebSocket origins of the page's own server, for connect-src: derived from the Host header
 * only when it is a plain `name[:port]` / `[v6]:port` (anything else gets 'self' alone).
 */
export function webSocketSources(hostHeader: string | undefined): string[] {
  if (!hostHeader || !/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(hostHeader)) return [];
  return [`ws://${hostHeader}`, `wss://${hostHeader}`];
}
