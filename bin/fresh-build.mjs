// Which code the launcher runs: the esbuild bundle in dist/node (tools/build/build-node.mjs) when
// it exists and is fresh, else the TypeScript sources through tsx. Fresh: every source file listed
// in its build-stamp.json still exists and none is newer than the build saw (a few hundred stat
// calls, ~2 ms), so editing a file never runs stale code; a copy without sources runs the build.
// PRUNELENS_DEV=1 always runs the sources.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The built CLI's path, or null with the reason the sources must run instead.
 * @param {string} root the package root (the folder holding bin/, dist/, electron/)
 * @param {Record<string, string | undefined>} env
 * @returns {{ cli: string | null, reason: string }}
 */
export function builtCli(root, env = process.env) {
  if (env.PRUNELENS_DEV && env.PRUNELENS_DEV !== '0') return { cli: null, reason: 'PRUNELENS_DEV is set' };
  const dir = path.join(root, 'dist', 'node');
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(dir, 'build-stamp.json'), 'utf8'));
  } catch {
    return { cli: null, reason: 'no build (npm run build:node)' };
  }
  if (!Array.isArray(stamp.inputs) || typeof stamp.newestMtimeMs !== 'number') return { cli: null, reason: 'unreadable build stamp' };
  // An installed copy without the TypeScript sources: the build is all there is.
  if (!existsSync(path.join(root, 'electron', 'cli', 'entry.ts'))) return { cli: path.join(dir, 'cli.mjs'), reason: 'build (no sources here)' };
  for (const file of stamp.inputs) {
    const mtimeMs = statSync(path.join(root, file), { throwIfNoEntry: false })?.mtimeMs;
    if (mtimeMs === undefined) return { cli: null, reason: `build is stale: ${file} is gone` };
    if (mtimeMs > stamp.newestMtimeMs) return { cli: null, reason: `build is stale: ${file} changed since` };
  }
  return { cli: path.join(dir, 'cli.mjs'), reason: 'fresh build' };
}
