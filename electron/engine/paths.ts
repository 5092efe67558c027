// Well-known locations inside the installed package. Found by walking up to our package.json,
// so the same code works from source (tsx) and from the bundled Electron build (dist/).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'prunelens') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`PruneLens package root not found above ${start}`);
    dir = parent;
  }
}

export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
export const rendererBuildDir = path.join(packageRoot, 'dist', 'renderer') + path.sep;
export const demoBundleDir = path.join(packageRoot, 'assets', 'demo');
