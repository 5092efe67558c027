// Serve mode's WebSocket subprotocols, shared by the page and the server. Browsers cannot set
// headers on a WebSocket, so the page presents its token as a subprotocol; it also offers
// APP_PROTOCOL, which the server selects, so the token is never echoed back.

export const APP_PROTOCOL = 'prunelens';
/** `prunelens-token.<token>` carries the token (token characters are all valid subprotocol characters). */
export const TOKEN_PROTOCOL_PREFIX = 'prunelens-token.';

/** The subprotocols the page's WebSocket offers: the app's, and the token's when there is one. */
export function webSocketProtocols(token: string | null): string[] {
  return token ? [APP_PROTOCOL, TOKEN_PROTOCOL_PREFIX + token] : [APP_PROTOCOL];
}
