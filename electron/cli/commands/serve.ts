// `prunelens serve [bundle] [--port N] [--host H]`: the UI in a browser, engine on this machine.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PruneLensError } from '../../../src-shared/api/errors';
import { createEngine } from '../../engine/engine';
import { rendererBuildDir } from '../../engine/paths';
import { startServer } from '../../server/serve';
import type { CliCommand } from '../command';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the PruneLens UI to a browser (for remote GPU boxes), engine on this machine.',
  usage: '[bundle] [--port 7878] [--host 127.0.0.1]',
  help: `
Options:
  --port N   port to listen on (default 7878; 0 picks a free one)
  --host H   address to bind (default 127.0.0.1, this machine only)

The bundle (a folder with bundle.json) opens at start; others can be opened from the UI.
Example:
  prunelens serve assets/demo --port 7878`,
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run({ positionals, values, stdout, signal }) {
    const port = values.port === undefined ? 7878 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PruneLensError('bad-request', `--port must be an integer 0–65535 (got '${values.port}').`);
    if (!existsSync(path.join(rendererBuildDir, 'index.html'))) {
      throw new PruneLensError('unavailable', `The UI is not built (no ${rendererBuildDir}index.html). Run 'npm run build' first.`);
    }
    const bundle = positionals[0] ? path.resolve(positionals[0]) : null;
    const engine = createEngine({ transport: 'serve', startupBundle: bundle });
    if (bundle) await engine.openBundle({ path: bundle }); // fail fast on a bad bundle
    const server = await startServer({ engine, staticDir: rendererBuildDir, host: values.host as string | undefined, port });
    stdout.write(`PruneLens is serving ${bundle ?? '(no bundle)'} at ${server.url}\nPress Ctrl-C to stop.\n`);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    await server.close();
    await engine.dispose();
  },
};
