// Bundles the CLI (with the engine and server it runs) and every worker thread entry into dist/node
// with esbuild, so `bin/prunelens.mjs` starts without a TypeScript compiler (issue #22). Writes
// dist/node/build-stamp.json last: the source files that went in and the newest of their mtimes, so
// the launcher can tell a fresh build from a stale one (bin/fresh-build.mjs).
// Run: npm run build:node   (also run by `npm ci` / `npm install` through the `prepare` script)
//      node tools/build/build-node.mjs [--outdir DIR] [--benches]   (tests build into a temporary folder)
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' }, benches: { type: 'boolean' } } });
const outdir = path.resolve(values.outdir ?? path.join(root, 'dist', 'node'));

/** Bundle name → TypeScript entry. The worker names are what worker-url.ts / unpack-pool.ts / shard-writer.ts look for next to the bundle. */
export const nodeEntries = {
  cli: 'electron/cli/entry.ts',
  'engine-worker': 'electron/engine/workers/engine-worker.ts',
  'unpack-worker': 'electron/engine/unpack/unpack-worker.ts',
  'shard-writer-thread': 'electron/engine/cache/shard-writer-thread.ts',
};

// esbuild is a devDependency: an install without them (npm ci --omit=dev) keeps running the
// sources through tsx, which is a dependency.
let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  console.log('esbuild is not installed: skipping the Node build; bin/prunelens.mjs runs the TypeScript sources through tsx.');
  process.exit(0);
}
// --benches: also the GPU run's benchmarks, so a machine without tsx can run them (tools/device/pack-carry.sh).
const benchEntries = { 'ep-bench': 'tools/device/ep-bench.ts', 'inference-bench': 'tools/bench/inference-bench.ts', 'cached-run-bench': 'tools/bench/cached-run-bench.ts', 'reopen-bench': 'tools/bench/reopen-bench.ts' };
const entries = values.benches ? { ...nodeEntries, ...benchEntries } : nodeEntries;
const started = performance.now();
// A launcher starting meanwhile must never load a half-written file: the old stamp goes first (so
// it runs the sources), the bundles are written beside and renamed in (atomic per file), the new
// stamp comes last.
await mkdir(outdir, { recursive: true });
await rm(path.join(outdir, 'build-stamp.json'), { force: true });
const staging = await mkdtemp(path.join(path.dirname(outdir), '.build-node-'));
const result = await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, path.join(root, file)])),
  outdir: staging,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  metafile: true,
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  // Native or optional at run time: resolved from node_modules when (and if) they are used.
  external: ['onnxruntime-node', 'playwright-core', 'electron', 'bufferutil', 'utf-8-validate'],
  // Bundled CommonJS packages call require(); ESM output has none of its own.
  banner: { js: "import { createRequire as __plCreateRequire } from 'node:module'; const require = __plCreateRequire(import.meta.url);" },
});

// The stamp lists the project's own inputs (and package.json); dependencies change only through
// npm ci / npm install, which rerun this build.
const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/')).sort();
let newestMtimeMs = 0;
for (const file of inputs) newestMtimeMs = Math.max(newestMtimeMs, (await stat(path.join(root, file))).mtimeMs);
for (const file of await readdir(staging)) await rename(path.join(staging, file), path.join(outdir, file));
await writeFile(path.join(staging, 'build-stamp.json'), JSON.stringify({ builtAt: new Date().toISOString(), node: process.version, newestMtimeMs, inputs }, null, 1) + '\n');
await rename(path.join(staging, 'build-stamp.json'), path.join(outdir, 'build-stamp.json'));
await rm(staging, { recursive: true, force: true });
console.log(`Built ${path.relative(root, outdir) || outdir} (${Object.keys(entries).map((n) => `${n}.mjs`).join(', ')}; ${inputs.length} sources) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
