// Starts the TypeScript unpack worker from source (CLI, serve, tests): registers tsx's loader in
// this worker thread, then loads the worker. The Electron build bundles unpack-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./unpack-worker.ts');
