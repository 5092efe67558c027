// `prunelens serve [bundle] [--port N] [--host H] [--token T] [--root DIR]…`: the UI in a browser,
// the engine on this machine. Loopback by default; other addresses require a token (generated
// unless given), and remote clients can open bundles only under the allowed roots.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import path from 'node:path';
import { PruneLensError } from '../../../src-shared/base/errors';
import { createEngine } from '../../engine/engine';
import { rendererBuildDir } from '../../engine/paths';
import { generateToken, isLoopbackAddress, TOKEN_PATTERN } from '../../server/auth';
import { confineEngine, createPathConfinement } from '../../server/confine';
import { startServer } from '../../server/serve';
import type { CliCommand } from '../command';

/** The bundle folder of a bundle given as a folder or as its bundle.json. */
function bundleDirOf(bundle: string): string {
  let info;
  try {
    info = statSync(bundle);
  } catch {
    throw new PruneLensError('not-found', `Bundle not found: ${bundle}`, { file: bundle });
  }
  return info.isDirectory() ? bundle : path.dirname(bundle);
}

/** A filesystem root or the home folder: far too wide to become a root without the user saying so. */
function isTooWide(dir: string, home: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : path.resolve(p));
  return path.parse(real(dir)).root === real(dir) || real(dir) === real(home);
}

/**
 * --root folders, or by default the startup bundle's parent (its sibling bundles) and the cwd.
 * A default that would be `/` or the home folder is refused: only an explicit --root may be that wide.
 */
export function allowedRoots(roots: string[], bundleDir: string | null, cwd: string, home: string = homedir()): string[] {
  const chosen = roots.length > 0 ? roots.map((root) => path.resolve(cwd, root)) : [...(bundleDir ? [path.dirname(bundleDir)] : []), cwd];
  for (const root of chosen) {
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new PruneLensError('bad-request', `--root ${root} is not a folder.`);
    if (roots.length === 0 && isTooWide(root, home)) {
      throw new PruneLensError(
        'bad-request',
        `Refusing to let the browser open bundles anywhere under ${root} (the default root: ${root === cwd ? 'the current folder' : "the bundle's parent folder"}). Pass --root DIR with the folder that holds your bundles (e.g. --root ~/bundles), or run serve from that folder.`,
      );
    }
  }
  // The bundle named on the command line is always allowed, whatever the roots.
  const covered = (dir: string) => chosen.some((root) => dir === root || dir.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  return bundleDir && !covered(bundleDir) ? [...chosen, bundleDir] : chosen;
}

export function chooseToken(given: string | undefined, host: string): string | null {
  if (given !== undefined) {
    if (!TOKEN_PATTERN.test(given)) throw new PruneLensError('bad-request', '--token must be 16–256 characters from A–Z a–z 0–9 . _ ~ - (or omit it to get a random one).');
    return given;
  }
  return isLoopbackAddress(host) ? null : generateToken();
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the PruneLens UI to a browser (for remote GPU boxes), engine on this machine.',
  usage: '[bundle] [--port 7878] [--host 127.0.0.1] [--token T] [--root DIR]…',
  help: `
Options:
  --port N     port to listen on (default 7878; 0 picks a free one)
  --host H     address to bind (default 127.0.0.1, this machine only). Any other address
               requires a token: a random one is generated unless --token is given.
  --token T    require this token (16+ characters [A-Za-z0-9._~-]) on every request, also on
               loopback. The environment variable PRUNELENS_TOKEN works too and, unlike
               --token, does not show in the process list.
  --root DIR   folder the browser may open bundles from (repeatable). Default: the folder
               containing the bundle given here (so its sibling bundles open) and the current
               folder. The bundle given here is always allowed.

The bundle (a folder with bundle.json) opens at start; others can be opened from the UI.
Open the printed URL: with a token it ends in #token=… (a fragment, never sent over the
network); the page keeps it for this tab only and strips it from the address bar. No cookie
is set. Serve refuses / and your home folder as a default root: pass --root then.
Examples:
  prunelens serve assets/demo --port 7878
  prunelens serve ~/bundles/resnet --host 0.0.0.0 --root ~/bundles     # from another machine`,
  options: { port: { type: 'string' }, host: { type: 'string' }, token: { type: 'string' }, root: { type: 'string', multiple: true } },
  async run({ positionals, values, stdout, signal }) {
    const port = values.port === undefined ? 7878 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PruneLensError('bad-request', `--port must be an integer 0–65535 (got '${values.port}').`);
    const host = (values.host as string | undefined) ?? '127.0.0.1';
    if (host.trim() === '') throw new PruneLensError('bad-request', "--host needs an address: 127.0.0.1 (this machine only, the default) or 0.0.0.0 (every interface), not ''.");
    const token = chooseToken((values.token as string | undefined) ?? (process.env.PRUNELENS_TOKEN || undefined), host);
    if (!existsSync(path.join(rendererBuildDir, 'index.html'))) {
      throw new PruneLensError('unavailable', `The UI is not built (no ${rendererBuildDir}index.html). Run 'npm run build' first.`);
    }
    const bundle = positionals[0] ? path.resolve(positionals[0]) : null;
    const roots = allowedRoots((values.root as string[] | undefined) ?? [], bundle ? bundleDirOf(bundle) : null, process.cwd());
    const confinement = await createPathConfinement(roots);
    const engine = createEngine({ transport: 'serve', startupBundle: bundle });
    if (bundle) await engine.openBundle({ path: bundle }); // fail fast on a bad bundle
    const server = await startServer({ engine: confineEngine(engine, confinement), staticDir: rendererBuildDir, host, port, token });
    const wildcard = host === '0.0.0.0' || host === '::';
    const url = wildcard ? server.url.replace(/^http:\/\/[^/]+/, `http://${hostname()}:${server.port}`) : server.url;
    stdout.write(
      [
        `PruneLens is serving ${bundle ?? '(no bundle)'} at ${url}`,
        ...(wildcard ? [`(listening on all interfaces of this machine; use its name or address in the URL)`] : []),
        `Bundles can be opened from: ${confinement.roots.join(', ')}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    await server.close();
    await engine.dispose();
  },
};
