#!/usr/bin/env node
// Launcher: registers tsx's loader in this process (resolved from this package, so it works from
// any folder and on the PATH via `npm link`), then runs the TypeScript CLI. Worker threads get
// the same loader through electron/engine/worker-url.ts.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/entry.ts');
