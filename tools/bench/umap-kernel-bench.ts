// UMAP layout kernels side by side: the same fits (umap-bench.ts's data: PCA-reduced
// Fashion-MNIST, 3-D, 200 epochs) with the layout epochs in JavaScript (sgd-epoch.ts) and in
// WebAssembly (sgd-epoch.wat), alternating in one run so both see the same machine load. Prints
// CPU seconds of the set-up (kNN, fuzzy set, start) and of the layout epochs per kernel (the
// median of the rounds), and checks that both kernels gave identical bytes.
//   nice -n 10 node --import tsx tools/bench/umap-kernel-bench.ts [n=10000] [dim=64] [rounds=3]
import { loadavg } from 'node:os';
import { createRng } from '../../src-shared/base/rng';
import { pca } from '../../src-shared/projection/pca';
import { forceLayoutKernel } from '../../src-shared/projection/sgd-wasm';
import type { LayoutKernel } from '../../src-shared/projection/sgd-wasm';
import { initUmap, stepUmap } from '../../src-shared/projection/umap';
import { loadFashionMnist } from '../fixtures/projection/datasets';

const [n, dim, rounds] = [10_000, 64, 3].map((d, i) => Number(process.argv[2 + i] ?? d));
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const images = loadFashionMnist(n, 'train');
const { projected: x } = pca(images.images, n, images.dim, dim, { maxSamples: 10_000, rng: createRng(3) });
const load0 = load();
const times: Record<LayoutKernel, { setup: number[]; layout: number[] }> = { js: { setup: [], layout: [] }, wasm: { setup: [], layout: [] } };
const outputs: Record<LayoutKernel, Uint8Array[]> = { js: [], wasm: [] };
for (let round = 0; round < rounds; round++) {
  for (const kernel of (round % 2 ? ['wasm', 'js'] : ['js', 'wasm']) as LayoutKernel[]) {
    forceLayoutKernel(kernel);
    const c0 = cpuNow();
    const state = initUmap(x, n, dim, { nComponents: 3, nEpochs: 200, seed: 1 });
    const c1 = cpuNow();
    // The fit's slices (fitUmap yields between them); the slice size does not change the result.
    while (stepUmap(state, 10).phase !== 'done');
    const c2 = cpuNow();
    times[kernel].setup.push(c1 - c0);
    times[kernel].layout.push(c2 - c1);
    outputs[kernel].push(new Uint8Array(state.embedding.buffer.slice(0)));
  }
}
forceLayoutKernel(null);
const same = [...outputs.js, ...outputs.wasm].every((b) => Buffer.from(b).equals(Buffer.from(outputs.js[0])));
const js = median(times.js.layout), wasm = median(times.wasm.layout);
console.log(`UMAP ${n} × ${dim} → 3-D, 200 epochs, ${rounds} rounds alternating (CPU s, median); load ${load0} → ${load()}`);
console.log(`| kernel | set-up | layout epochs | fit |\n|---|---|---|---|`);
for (const k of ['js', 'wasm'] as LayoutKernel[]) {
  const s = median(times[k].setup), l = median(times[k].layout);
  console.log(`| ${k} | ${s.toFixed(2)} | ${l.toFixed(2)} (${times[k].layout.map((t) => t.toFixed(2)).join(', ')}) | ${(s + l).toFixed(2)} |`);
}
console.log(`layout epochs: WebAssembly ${(js / wasm).toFixed(2)}× faster; embeddings identical across kernels and rounds: ${same}`);
if (!same) process.exitCode = 1;
