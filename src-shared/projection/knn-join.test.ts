// NN-descent's local join (knn-join.ts): the WebAssembly SIMD kernel and its JavaScript twin give
// identical float32 distances (every dimension 1–13 and wide rows, lists longer than the first
// reservation, repeated ids, empty lists), both within float32 rounding of the exact distance;
// whole NN-descent searches are identical under either kernel and keep their recall.
import { afterEach, describe, expect, it } from 'vitest';
import { gaussianMixture } from '../../tools/fixtures/projection/datasets';
import { createRng } from '../base/rng';
import { exactKnn } from './knn-graph';
import { createJoin, forceKnnKernel, knnKernel, sqDistF32 } from './knn-join';
import { initNnDescent, nnDescentResult, stepNnDescent } from './nn-descent';

afterEach(() => forceKnnKernel(null));

const bytes = (a: Float32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function rows(n: number, dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * dim }, () => (rng.next() - 0.5) * 10 ** rng.int(4));
}

/** Runs one join with the current kernel on the given lists, nothing filtered but q = p; copies of its pairs and distances. */
function joinOnce(data: Float32Array, n: number, dim: number, fresh: number[], old: number[]): { p: Int32Array; q: Int32Array; d: Float32Array } {
  const join = createJoin(data, n, dim);
  join.ensure(Math.max(fresh.length, old.length));
  join.fresh.set(fresh);
  join.old.set(old);
  join.worst.fill(Infinity);
  const count = join.runFiltered(fresh.length, old.length);
  return { p: join.pairP.slice(0, count), q: join.pairQ.slice(0, count), d: join.pairD.slice(0, count) };
}

describe('kNN local join', () => {
  it('runs in WebAssembly here', () => {
    expect(knnKernel()).toBe('wasm');
  });

  it('WebAssembly and JavaScript give identical bytes, within float32 rounding of the exact distance', () => {
    const rng = createRng(5);
    for (const dim of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 50, 64, 70]) {
      const n = 97;
      const data = rows(n, dim, dim);
      // Lists longer than the first reservation (64), with repeats and the same id on both sides.
      const fresh = Array.from({ length: dim === 50 ? 90 : 1 + rng.int(30) }, () => rng.int(n));
      const old = Array.from({ length: dim === 64 ? 0 : 1 + rng.int(70) }, () => rng.int(n));
      old[0] = fresh[0];
      forceKnnKernel('js');
      const js = joinOnce(data, n, dim, fresh, old);
      forceKnnKernel('wasm');
      const wasm = joinOnce(data, n, dim, fresh, old);
      expect(bytes(wasm.d).equals(bytes(js.d)), `dim ${dim}`).toBe(true);
      // Independently: every pair but q = p in the documented order, at the exact distance in float64.
      let t = 0;
      const check = (p: number, q: number) => {
        if (q === p) return;
        expect([wasm.p[t], wasm.q[t], js.p[t], js.q[t]]).toEqual([p, q, p, q]);
        let s = 0;
        for (let c = 0; c < dim; c++) s += (data[p * dim + c] - data[q * dim + c]) ** 2;
        expect(Math.abs(wasm.d[t++] - s)).toBeLessThanOrEqual(s * dim * 2 ** -22 + 1e-30);
      };
      for (let a = 0; a < fresh.length; a++) {
        for (let b = a + 1; b < fresh.length; b++) check(fresh[a], fresh[b]);
        for (const q of old) check(fresh[a], q);
      }
      expect(t).toBe(wasm.d.length);
      expect(t).toBe(js.d.length);
      expect(sqDistF32(data, fresh[0], fresh[0], dim)).toBe(0);
    }
    forceKnnKernel('wasm');
    expect(joinOnce(rows(5, 3, 1), 5, 3, [], [1, 2]).d.length).toBe(0);
  });

  it('the filtered join keeps exactly the pairs that can enter a heap, in order, with either kernel', () => {
    const n = 200, dim = 19;
    const data = rows(n, dim, 3);
    const rng = createRng(8);
    const fresh = Array.from({ length: 15 }, () => rng.int(n));
    const old = Array.from({ length: 15 }, () => rng.int(n));
    old[3] = fresh[2];
    const worst = Float32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? Infinity : 1e4 * rng.next()));
    const results: string[] = [];
    for (const kernel of ['js', 'wasm'] as const) {
      forceKnnKernel(kernel);
      const join = createJoin(data, n, dim);
      join.worst.set(worst);
      join.fresh.set(fresh);
      join.old.set(old);
      // Every pair in order at its float32 distance (identical under both kernels: the test above).
      const expected: string[] = [];
      let t = 0;
      for (let a = 0; a < 15; a++) {
        for (const q of [...fresh.slice(a + 1), ...old]) {
          const d = sqDistF32(data, fresh[a], q, dim), p = fresh[a];
          t++;
          if (q !== p && (d < join.worst[p] || d < join.worst[q])) expected.push(`${p}-${q}-${d}`);
        }
      }
      const count = join.runFiltered(15, 15);
      const kept = Array.from({ length: count }, (_, u) => `${join.pairP[u]}-${join.pairQ[u]}-${join.pairD[u]}`);
      expect(kept).toEqual(expected);
      expect(count).toBeGreaterThan(20);
      expect(count).toBeLessThan(t - 20);
      results.push(kept.join());
    }
    expect(results[1]).toBe(results[0]);
  });

  it('NN-descent gives the same graph with either kernel, ≥ 99 % of the exact 15-NN', () => {
    const n = 3000, dim = 26;
    const { data } = gaussianMixture(n, dim, 12, 5);
    const search = (kernel: 'js' | 'wasm') => {
      forceKnnKernel(kernel);
      const state = initNnDescent(data, n, dim, 15, createRng(9));
      while (!stepNnDescent(state));
      return nnDescentResult(state);
    };
    const js = search('js'), wasm = search('wasm');
    expect(bytes(wasm.indices).equals(bytes(js.indices))).toBe(true);
    expect(bytes(wasm.distances).equals(bytes(js.distances))).toBe(true);
    const truth = exactKnn(data, n, dim, 15);
    let hits = 0;
    for (let i = 0; i < n; i++) {
      const set = new Set(truth.indices.subarray(i * 15, i * 15 + 15));
      for (let t = i * 15; t < i * 15 + 15; t++) if (set.has(wasm.indices[t])) hits++;
    }
    expect(hits / (15 * n)).toBeGreaterThan(0.99);
  });
});
