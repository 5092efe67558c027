#!/usr/bin/env node
// Launcher: runs the compiled CLI in dist/node when it is fresh (bin/fresh-build.mjs); its worker
// threads are the bundled .mjs files next to it, so nothing is compiled at run time. Otherwise
// (a checkout whose sources changed since the last `npm run build:node`, or PRUNELENS_DEV=1) it
// registers tsx's loader (resolved from this package, so it works from any folder and on the PATH
// via `npm link`) and runs the TypeScript; workers then get tsx through electron/engine/workers/worker-url.ts.
// PRUNELENS_LAUNCH_DEBUG=1 prints which one ran, and why, on stderr.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtCli } from './fresh-build.mjs';

const { cli, reason } = builtCli(path.resolve(import.meta.dirname, '..'));
if (process.env.PRUNELENS_LAUNCH_DEBUG) process.stderr.write(`prunelens: running ${cli ? 'dist/node' : 'TypeScript sources (tsx)'}: ${reason}\n`);
if (cli) {
  await import(pathToFileURL(cli).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/cli/entry.ts');
}
