// Bundles the desktop shell, its preload and the engine host into dist/electron with esbuild.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', external: ['electron', 'onnxruntime-node'] };

await Promise.all([
  build({ ...common, entryPoints: ['electron/shell/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs' }),
  build({ ...common, entryPoints: ['electron/shell/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' }),
  ...['engine-host', 'workers/engine-worker', 'unpack/unpack-worker', 'cache/shard-writer-thread'].map((name) =>
    build({ ...common, entryPoints: [`electron/engine/${name}.ts`], outfile: `dist/electron/${name.split('/').pop()}.mjs`, format: 'esm',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } }),
  ),
]);
console.log('Built dist/electron (main.cjs, preload.cjs, engine-host.mjs, engine-worker.mjs, unpack-worker.mjs, shard-writer-thread.mjs).');
