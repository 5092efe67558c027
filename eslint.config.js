// Layer rules from docs/ARCHITECTURE.md, enforced here (and by the per-runtime tsconfigs).
import tseslint from 'typescript-eslint';
import { fileNamingRule } from './tools/lint/file-naming-rule.js';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'util', 'zlib', 'events', 'module', 'process', 'buffer', 'readline', 'tty'];
// Any `node:` import, and the bare built-in names with their sub-paths (`fs/promises`).
const nodeBuiltinPattern = { regex: `^(node:.*|(${nodeBuiltins.join('|')})(/.*)?)$`, message: 'Node built-ins are for electron/* only (see docs/ARCHITECTURE.md).' };
const noElectron = { name: 'electron', message: "Only electron/shell may import 'electron'." };
const nodeOnlyPackages = ['onnxruntime-node', 'ws', 'pngjs', 'playwright-core'].map((name) => ({ name, message: `${name} is Node-only: use it from electron/*.` }));

const sharedPaths = [noElectron, ...nodeOnlyPackages, { name: 'react', message: 'src-shared is UI-free.' }, { name: 'three', message: 'src-shared is UI-free.' }];
const sharedPatterns = [nodeBuiltinPattern, { group: ['**/renderer/**', '**/electron/**', '**/tools/**', '**/e2e/**'], message: 'src-shared imports nothing outside itself.' }];

const layer = (files, paths, patterns) => ({
  files,
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tsbuild/', '.cache/', 'e2e/artifacts/', 'assets/', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    plugins: { prunelens: { rules: { 'file-naming': fileNamingRule } } },
    rules: {
      'prunelens/file-naming': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  layer(['src-shared/**'], sharedPaths, sharedPatterns),
  // Layers inside src-shared (docs/ARCHITECTURE.md): base/ (errors, abort, rng) stands on nothing; analysis/ and
  // projection/ stand on base/ and never on api/ (api/ describes their results); findings/ reads api/ results.
  layer(['src-shared/base/**'], sharedPaths, [...sharedPatterns, { group: ['../**'], message: 'src-shared/base imports only base: everything else stands on it.' }]),
  {
    ...layer(['src-shared/analysis/**', 'src-shared/projection/**'], sharedPaths, [...sharedPatterns, { group: ['**/api/**'], message: 'analysis and projection stand below api: import errors from base/, move code that reads api results to findings/.' }]),
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
  },
  layer(['renderer/**'], [noElectron, ...nodeOnlyPackages], [
    nodeBuiltinPattern,
    { group: ['**/electron/**', '**/tools/**'], message: 'renderer imports only src-shared (and browser packages); it reaches the engine through the PruneLensApi client.' },
  ]),
  // Same rules plus: the compute worker and its kernels (renderer/src/compute) never import view code.
  layer(['renderer/src/workers/**', 'renderer/src/compute/**'], [noElectron, ...nodeOnlyPackages], [
    nodeBuiltinPattern,
    { group: ['**/electron/**', '**/tools/**'], message: 'renderer imports only src-shared (and browser packages); it reaches the engine through the PruneLensApi client.' },
    { group: ['**/views/**'], message: 'The compute worker and its kernels stand below the views: move shared code to renderer/src/compute.' },
  ]),
  layer(['electron/engine/**', 'electron/server/**', 'electron/cli/**'], [noElectron], [
    { group: ['**/renderer/**', '**/shell/**'], message: "The engine, server and CLI never import the UI or the Electron shell." },
  ]),
  layer(['electron/shell/**'], [], [{ group: ['**/renderer/**'], message: 'The shell talks to the renderer over IPC only.' }]),
);
