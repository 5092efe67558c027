// The WebAssembly layout epochs (sgd-epoch.wat via sgd-wasm.ts) against the JavaScript kernel
// (sgd-epoch.ts): the same fits must give identical bytes: random data in 1–3 components, a
// layout reaching every branch (coincident points, the exact formulas below and beyond the
// tables, clipping), a transform onto a fixed reference, and Fashion-MNIST.
import { afterEach, describe, expect, it } from 'vitest';
import { loadFashionMnist } from '../../tools/fixtures/projection/datasets';
import { createRng } from '../base/rng';
import { findAbParams } from './ab-params';
import { pca } from './pca';
import { initLayout, stepLayout } from './sgd-layout';
import type { LayoutState } from './layout-state';
import { forceLayoutKernel, layoutKernel, runEpochWasm } from './sgd-wasm';
import { transformUmap } from './transform';
import { fitUmap, initUmap, stepUmap } from './umap';

afterEach(() => forceLayoutKernel(null));

const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function both<T>(run: () => T): { js: T; wasm: T } {
  forceLayoutKernel('js');
  const js = run();
  forceLayoutKernel('wasm');
  const wasm = run();
  return { js, wasm };
}

function randomRows(n: number, dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const x = new Float32Array(n * dim);
  // Three blobs, so the map has structure to find.
  for (let i = 0; i < n; i++) for (let c = 0; c < dim; c++) x[i * dim + c] = rng.normal() + (i % 3) * 4 * (c === i % dim ? 1 : 0);
  return x;
}

/** A layout with random edges over points that coincide, sit closer than the tables reach and far beyond them. */
function wildLayout(dim: number, fixedTail: boolean): { state: LayoutState; out: Float32Array } {
  const rng = createRng(7 + dim);
  const n = 400, m = 4000;
  const out = new Float32Array(n * dim), tail = fixedTail ? new Float32Array(n * dim) : out;
  for (let t = 0; t < out.length; t++) {
    const scale = [0, 1e-3, 1, 200][rng.int(4)];
    out[t] = scale * rng.normal();
    if (fixedTail) tail[t] = scale * rng.normal();
  }
  const head = new Int32Array(m), to = new Int32Array(m), weights = new Float32Array(m);
  for (let e = 0; e < m; e++) {
    head[e] = Math.floor(e / 10);
    to[e] = rng.int(n);
    weights[e] = rng.int(5) === 0 ? 0 : rng.next();
  }
  const state = initLayout({ head, tail: to, weights }, out, tail, n, dim, createRng(3), { nEpochs: 60, curve: findAbParams(1, 0.1), negativeSampleRate: 7, repulsionStrength: 1.5, learningRate: 1.3 });
  return { state, out };
}

describe('UMAP layout epochs: WebAssembly = JavaScript, byte for byte', () => {
  it('runs here, and the WebAssembly kernel really takes the epochs', () => {
    expect(layoutKernel()).toBe('wasm');
    const { state } = wildLayout(3, false);
    expect(runEpochWasm(state, 0)).toBe(true);
    forceLayoutKernel('js');
    expect(runEpochWasm(state, 1)).toBe(false);
  });

  for (const dim of [1, 2, 3]) {
    for (const fixedTail of [false, true]) {
      it(`every branch: ${dim}-D, ${fixedTail ? 'fixed reference' : 'both ends move'}`, () => {
        const { js, wasm } = both(() => {
          const { state, out } = wildLayout(dim, fixedTail);
          const start = out.slice();
          // Steps of uneven size, as the fit's yield points make them.
          for (const epochs of [1, 7, 20, 40]) stepLayout(state, epochs);
          return { start, out: out.slice(), random: state.random, next: state.nextNegative.slice() };
        });
        // The points moved (most of them), and stayed finite.
        expect(js.out.filter((v, i) => v !== js.start[i]).length).toBeGreaterThan(js.out.length / 2);
        expect(js.out.every(Number.isFinite)).toBe(true);
        expect(bytes(wasm.out).equals(bytes(js.out))).toBe(true);
        expect(wasm.random).toBe(js.random);
        expect(Array.from(wasm.next)).toEqual(Array.from(js.next));
      });
    }
  }

  it('a layout switching kernels between steps (shared arrays) gives the same bytes as JavaScript alone', () => {
    forceLayoutKernel('js');
    const js = wildLayout(3, false);
    stepLayout(js.state, 60);
    const mixed = wildLayout(3, false);
    for (let step = 0; step < 12; step++) {
      forceLayoutKernel(step % 3 === 1 ? 'js' : 'wasm');
      stepLayout(mixed.state, 5);
    }
    expect(bytes(mixed.out).equals(bytes(js.out))).toBe(true);
    expect(mixed.state.random).toBe(js.state.random);
  });

  it('fits and transforms of random data in 1, 2 and 3 components', async () => {
    for (const nComponents of [1, 2, 3]) {
      const x = randomRows(600, 8, nComponents);
      const { js, wasm } = both(() => {
        const state = initUmap(x, 600, 8, { nComponents, seed: 5, nEpochs: 120 });
        stepUmap(state, 13);
        stepUmap(state, Infinity);
        return { fit: state.embedding.slice(), placed: transformUmap(state, randomRows(50, 8, 9), 50, { nEpochs: 30 }) };
      });
      expect(bytes(wasm.fit).equals(bytes(js.fit))).toBe(true);
      expect(bytes(wasm.placed).equals(bytes(js.placed))).toBe(true);
    }
    forceLayoutKernel('js');
    const js = await fitUmap(randomRows(800, 16, 4), 800, 16, { nComponents: 3, seed: 2 });
    forceLayoutKernel('wasm');
    const wasm = await fitUmap(randomRows(800, 16, 4), 800, 16, { nComponents: 3, seed: 2 });
    expect(bytes(wasm).equals(bytes(js))).toBe(true);
  });

  it('Fashion-MNIST, 2,000 images, 50 PCA dims, 3-D, 200 epochs', async () => {
    const images = loadFashionMnist(2000);
    const { projected } = pca(images.images, 2000, images.dim, 50);
    forceLayoutKernel('js');
    const js = await fitUmap(projected, 2000, 50, { nComponents: 3, nEpochs: 200, seed: 1 });
    forceLayoutKernel('wasm');
    const wasm = await fitUmap(projected, 2000, 50, { nComponents: 3, nEpochs: 200, seed: 1 });
    expect(js.every(Number.isFinite)).toBe(true);
    expect(bytes(wasm).equals(bytes(js))).toBe(true);
  }, 60_000);
});
