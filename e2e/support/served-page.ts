// One spec's `prunelens serve` + Chromium + page, set up the same way for every e2e spec: the
// hooks start serve and the browser before the suite and stop them after it; the page's errors are
// collected (and printed); a failed test leaves a screenshot in e2e/artifacts/ and serve's output
// on stderr. Call inside `describe`; the fields are filled in when the suite's beforeAll has run.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { artifactsDir, launchBrowser } from './browser';
import { startServe } from './serve-process';
import type { ServeProcess } from './serve-process';

export interface ServedPageOptions {
  /** Screenshot prefix: a failed test saves `<name>-failure-<test>.png`. */
  name: string;
  /** serve's arguments (bundle, --root, --token …); the port is chosen by serve. */
  args: string[];
  env?: Record<string, string>;
  /** Options of the suite's one page; false: no page (the spec opens its own contexts). */
  page?: BrowserContextOptions | false;
  /** Count console errors as page errors too (e.g. a 404 for a missing asset). */
  consoleErrors?: boolean;
  /** Folders removed after the suite (a result cache, a generated bundle). */
  cleanup?: string[];
  /** How a failed test's screenshot is taken (default: e2e/artifacts/<name>-<label>.png). */
  screenshot?: (page: Page, label: string) => Promise<unknown>;
}

export interface ServedPage {
  server: ServeProcess;
  browser: Browser;
  /** Undefined when `page: false`. */
  page: Page;
  /** Uncaught page errors (and console errors with `consoleErrors`), in order. */
  errors: string[];
  /** serve's stdout and stderr so far. */
  serverLog: string[];
}

export function servedPage(options: ServedPageOptions): ServedPage {
  const served = { errors: [], serverLog: [] } as unknown as ServedPage;
  const screenshot = options.screenshot ?? ((page: Page, label: string) => page.screenshot({ path: path.join(artifactsDir, `${options.name}-${label}.png`) }));

  beforeAll(async () => {
    served.server = await startServe(options.args, { env: options.env, log: (text) => served.serverLog.push(text) });
    served.browser = await launchBrowser();
    if (options.page === false) return;
    const page = await served.browser.newPage(options.page ?? { viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => {
      console.error('page error:', error.message);
      served.errors.push(error.message);
    });
    if (options.consoleErrors) page.on('console', (message) => message.type() === 'error' && served.errors.push(message.text()));
    served.page = page;
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    if (served.page) await screenshot(served.page, `failure-${context.task.name.slice(0, 24).replace(/\W+/g, '-')}`).catch(() => undefined);
    console.error(`serve output:\n${served.serverLog.join('').slice(-4000)}`);
  });

  afterAll(async () => {
    await served.browser?.close();
    await served.server?.stop();
    for (const dir of options.cleanup ?? []) rmSync(dir, { recursive: true, force: true });
  });

  return served;
}
