// The serve-mode token in a real browser: the page takes it from the URL fragment, strips it from
// the address bar, keeps it for the tab (a reload still works), presents it on its WebSocket, and
// no cookie is ever stored for the server.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureBundle } from '../tools/testing/fixture-bundle';
import { launchBrowser } from './support/browser';
import { startServe } from './support/serve-process';
import type { ServeProcess } from './support/serve-process';

const TOKEN = 'e2e-serve-token-0123456789abcdef';

describe('serve mode: the token stays on its port', () => {
  let server: ServeProcess;
  let browser: Browser;
  const bundleDir = writeFixtureBundle();

  beforeAll(async () => {
    server = await startServe([bundleDir, '--token', TOKEN]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens with #token=…, strips it from the address bar, survives a reload, and stores no cookie', async () => {
    expect(server.url).toMatch(new RegExp(`/#token=${TOKEN}$`));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Tiny fixture bundle' }).waitFor();
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => sessionStorage.getItem('prunelens-token'))).toBe(TOKEN);
    await page.reload();
    await page.getByRole('heading', { name: 'Tiny fixture bundle' }).waitFor();
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('without the token the page loads but its engine socket is refused', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const refused = page.waitForEvent('websocket').then((ws) => new Promise<boolean>((resolve) => ws.on('close', () => resolve(true)).on('socketerror', () => resolve(true))));
    const response = await page.goto(server.url.replace(/#.*$/, ''));
    expect(response?.status()).toBe(200);
    expect(await refused).toBe(true);
    expect(await page.getByRole('heading', { name: 'Tiny fixture bundle' }).count()).toBe(0);
    await context.close();
  });
});
