// The serve-mode token in a real browser: the page takes it from the URL fragment, strips it from
// the address bar, keeps it for the tab (a reload still works), presents it on its WebSocket, and
// no cookie is ever stored for the server.
import { describe, expect, it } from 'vitest';
import { writeFixtureBundle } from '../tools/testing/fixture-bundle';
import { servedPage } from './support/served-page';

const TOKEN = 'e2e-serve-token-0123456789abcdef';

describe('serve mode: the token stays on its port', () => {
  const bundleDir = writeFixtureBundle();
  // No suite page: each test opens its own browser context (cookies, session storage).
  const served = servedPage({ name: 'serve-token', args: [bundleDir, '--token', TOKEN], page: false });

  it('opens with #token=…, strips it from the address bar, survives a reload, and stores no cookie', async () => {
    expect(served.server.url).toMatch(new RegExp(`/#token=${TOKEN}$`));
    const context = await served.browser.newContext();
    const page = await context.newPage();
    await page.goto(served.server.url);
    await page.getByRole('heading', { name: 'Tiny fixture bundle' }).waitFor();
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => sessionStorage.getItem('prunelens-token'))).toBe(TOKEN);
    await page.reload();
    await page.getByRole('heading', { name: 'Tiny fixture bundle' }).waitFor();
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('without the token the page loads but its engine socket is refused', async () => {
    const context = await served.browser.newContext();
    const page = await context.newPage();
    const refused = page.waitForEvent('websocket').then((ws) => new Promise<boolean>((resolve) => ws.on('close', () => resolve(true)).on('socketerror', () => resolve(true))));
    const response = await page.goto(served.server.url.replace(/#.*$/, ''));
    expect(response?.status()).toBe(200);
    expect(await refused).toBe(true);
    expect(await page.getByRole('heading', { name: 'Tiny fixture bundle' }).count()).toBe(0);
    await context.close();
  });
});
