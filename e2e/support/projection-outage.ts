// Forces the 3-D UMAP projection to be unavailable in one page, so the views spec can test the
// geometric-axes fallback as a fallback (the main flow must get a real UMAP and fails without one).
// The engine's WebSocket lives in a Web Worker, which Playwright's routeWebSocket cannot reach;
// instead the page's side of the relay answers every getProjection call with dims 3 itself.
import type { Page } from 'playwright-core';

declare global {
  interface Window {
    __prunelensProjectionOutages?: number;
  }
}

/** From the next navigation on, getProjection({ dims: 3 }) fails with 'unavailable' in `page`. */
export async function failProjections3d(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__prunelensProjectionOutages = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const call = message as { kind?: string; id?: number; method?: string; input?: { dims?: number } } | null;
      if (call?.kind === 'call' && call.method === 'getProjection' && call.input?.dims === 3) {
        window.__prunelensProjectionOutages! += 1;
        const error = { code: 'unavailable', message: 'e2e: the 3-D projection is switched off for this page.' };
        setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: { kind: 'error', id: call.id, error } })), 0);
        return;
      }
      return (post as (this: Worker, ...args: unknown[]) => void).call(this, message, ...rest);
    } as typeof Worker.prototype.postMessage;
  });
}

/** How many 3-D projection calls the page has had refused. */
export function projectionOutages(page: Page): Promise<number> {
  return page.evaluate(() => window.__prunelensProjectionOutages ?? 0);
}
