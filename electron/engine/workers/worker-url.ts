// Where the engine's worker script is: the bundled .mjs next to the built engine (dist/electron,
// dist/node), or a bootstrap that runs the TypeScript source through tsx (sources, unit tests).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function engineWorkerEntry(): URL {
  const bundled = new URL('./engine-worker.mjs', import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL('./engine-worker-source.mjs', import.meta.url);
}
