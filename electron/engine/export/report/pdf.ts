// HTML → PDF with headless Chromium through playwright-core (the CLI and the serve-mode engine;
// the desktop shell can use webContents.printToPDF on the same HTML instead). Every network
// request is refused: the report is self-contained, and printing must not reach out.
import { existsSync } from 'node:fs';
import type * as Playwright from 'playwright-core';
import { PruneLensError } from '../../../../src-shared/base/errors';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** $PRUNELENS_CHROMIUM, else the first Chromium/Chrome found in the usual places. */
export function findChromium(env: Record<string, string | undefined> = process.env): string {
  const configured = env.PRUNELENS_CHROMIUM;
  if (configured) {
    if (!existsSync(configured)) throw new PruneLensError('unavailable', `PRUNELENS_CHROMIUM points to ${configured}, which does not exist: install chromium or set PRUNELENS_CHROMIUM to a Chromium or Chrome executable.`);
    return configured;
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new PruneLensError('unavailable', `PDF export needs Chromium and none was found (looked for ${candidates.join(', ')}): install chromium or set PRUNELENS_CHROMIUM to a Chromium or Chrome executable.`);
  return found;
}

async function loadPlaywright(): Promise<typeof Playwright> {
  try {
    return await import('playwright-core');
  } catch {
    throw new PruneLensError('unavailable', 'PDF export needs the playwright-core package, which is not installed; export HTML and print it from a browser instead.');
  }
}

export interface PdfOptions {
  /** Footer text left of the page number. */
  footer?: string;
  signal?: AbortSignal;
}

export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const executablePath = findChromium();
  const { chromium } = await loadPlaywright();
  const browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs }).catch((error: unknown) => {
    throw new PruneLensError('unavailable', `Could not start Chromium at ${executablePath}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. Install chromium or set PRUNELENS_CHROMIUM.`);
  });
  const abort = () => void browser.close();
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const esc = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: `<div style="font:7px Helvetica,Arial,sans-serif;color:#777;width:100%;padding:0 10mm;display:flex;justify-content:space-between"><span>${esc(options.footer ?? '')}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
    options.signal?.throwIfAborted();
    return new Uint8Array(pdf);
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await browser.close().catch(() => undefined);
  }
}
