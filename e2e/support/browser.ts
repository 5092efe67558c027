// Debian's Chromium, headless, with software WebGL2 (SwiftShader) so 3-D views render too
// (or the GPU: PRUNELENS_BROWSER_GL, below).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const artifactsDir = path.resolve(import.meta.dirname, '..', 'artifacts');
mkdirSync(artifactsDir, { recursive: true });

export function chromiumPath(): string {
  return process.env.PRUNELENS_CHROMIUM ?? '/usr/bin/chromium';
}

/** WebGL backend: SwiftShader (software, the default), or a GPU through ANGLE's Vulkan or EGL
 * backend (PRUNELENS_BROWSER_GL=vulkan|egl; tools/device/gpu-bench.sh on a GPU machine). */
function glArgs(backend = process.env.PRUNELENS_BROWSER_GL): string[] {
  if (backend === 'vulkan') return ['--use-angle=vulkan', '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan', '--ignore-gpu-blocklist', '--enable-gpu'];
  if (backend === 'egl') return ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist', '--enable-gpu'];
  return ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      ...glArgs(),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
