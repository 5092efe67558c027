// Serve-mode token on the page: `prunelens serve` prints a URL ending in `#token=…`. A fragment is
// never sent to any server, so the token cannot leak to another port the way a cookie would. The
// page keeps it in sessionStorage (this tab, this origin — which includes the port), removes it
// from the address bar (no screenshots, bookmarks or history entries with the secret), and sends
// it only on its own WebSocket, as the `prunelens-token.<token>` subprotocol.

export const TOKEN_STORAGE_KEY = 'prunelens-token';

export interface TokenPage {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/** Takes the token out of the URL fragment (into storage) and returns the token this tab holds, or null. */
export function takeSessionToken(page: TokenPage): string | null {
  const params = new URLSearchParams(page.location.hash.replace(/^#/, ''));
  const fromUrl = params.get('token');
  if (fromUrl !== null) {
    params.delete('token');
    const rest = params.toString();
    page.history.replaceState(page.history.state, '', `${page.location.pathname}${page.location.search}${rest ? `#${rest}` : ''}`);
    try {
      page.storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage disabled: the token still works for this page load.
    }
    return fromUrl || null;
  }
  try {
    return page.storage?.getItem(TOKEN_STORAGE_KEY) || null;
  } catch {
    return null;
  }
}
