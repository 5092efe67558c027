// Starts the TypeScript shard writer thread from source (CLI, serve, tests): registers tsx's loader
// in this thread, then loads it. Built code (dist/electron, dist/node) uses the bundled shard-writer-thread.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./shard-writer-thread.ts');
