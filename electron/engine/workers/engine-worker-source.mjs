// Starts the TypeScript worker from source (CLI, serve, tests): registers tsx's loader in this
// worker thread, then loads the worker. The Electron build bundles engine-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./engine-worker.ts');
