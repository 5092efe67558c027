// `npm start`: builds the app and launches Electron on the embedded demo bundle (or argv[2]).
// Where the Electron binary is missing and cannot be downloaded, says so and offers serve mode.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;

function electronBinary() {
  try {
    return require('electron'); // the package exports the binary's path, or throws when it is absent
  } catch {
    return null;
  }
}

let binary = electronBinary();
if (!binary || !existsSync(binary)) {
  console.log('The Electron binary is not installed yet; downloading it (node_modules/electron/install.js)…');
  const download = spawnSync(process.execPath, [path.join(path.dirname(require.resolve('electron/package.json')), 'install.js')], { encoding: 'utf8' });
  const reason = `${download.stderr ?? ''}`.split('\n').find((line) => /Error|ENOTFOUND|EAI_AGAIN|ECONN/.test(line));
  if (download.status !== 0 && reason) console.error(`Download failed: ${reason.trim()}`);
  binary = electronBinary();
}
if (!binary || !existsSync(binary)) {
  console.error([
    '',
    'PruneLens could not start the desktop app: the Electron binary is not available and could not be',
    'downloaded on this machine (it comes from outside the npm registry).',
    '',
    'Use serve mode instead — the same UI in your browser:',
    '  npm run serve            # then open http://127.0.0.1:7878/',
    '',
  ].join('\n'));
  process.exit(1);
}
if (!run('npx', ['vite', 'build', '--logLevel', 'warn']) || !run(process.execPath, ['tools/build-electron.mjs'])) process.exit(1);
const bundle = process.argv[2] ? [path.resolve(process.argv[2])] : [];
spawn(binary, ['dist/electron/main.cjs', ...bundle], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
