// Starts the TypeScript unpack worker from source (CLI, serve, tests): registers tsx's loader in
// this worker thread, then loads the worker. Built code (dist/electron, dist/node) uses the bundled unpack-worker.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./unpack-worker.ts');
