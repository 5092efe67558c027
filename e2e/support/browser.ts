// Debian's Chromium, headless, with software WebGL2 (SwiftShader) so 3-D views render too.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const artifactsDir = path.resolve(import.meta.dirname, '..', 'artifacts');
mkdirSync(artifactsDir, { recursive: true });

export function chromiumPath(): string {
  return process.env.PRUNELENS_CHROMIUM ?? '/usr/bin/chromium';
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
