// NN-descent's local join: the squared distances of one point's candidate pairs (new × new,
// new × old), in batches. In WebAssembly SIMD where it runs (knn-join.wat: four float32 lanes, the
// rows copied once per search into the instance's memory, zero-padded to a multiple of 4),
// else in JavaScript (joinDistancesJs, the same float32 arithmetic through Math.fround): identical
// bytes either way (knn-join.test.ts). It hands back only the pairs that can enter either end's
// heap (nn-descent.ts keeps `worst` current), so JavaScript only sees the few that can.
import { align16, ensureMemory, instantiateModule, kernelSwitch } from '../base/wasm-loader';
import type { KernelChoice, WasmMemory } from '../base/wasm-loader';
import { knnJoinWasmHex } from './knn-join-bytes';

export type KnnKernel = KernelChoice;

/**
 * A search's join: fill fresh[0 .. nf) and old[0 .. no) with point ids (ensure(length) first when
 * a list may be longer than before; it can replace every array but `worst`), then runFiltered.
 */
export interface KnnJoin {
  fresh: Int32Array;
  old: Int32Array;
  ensure(length: number): void;
  /** Per point, at least its current worst neighbour distance (the caller keeps it so). */
  worst: Float32Array;
  /**
   * The pairs of fresh[a] with fresh[a+1 .. nf), then with old[0 .. no), for a = 0 .. nf − 1, in
   * that order, only those with q ≠ p and d < worst[p] or d < worst[q] (the others cannot enter a
   * heap): returns how many, listed in pairP, pairQ, pairD (until the next call).
   */
  runFiltered(nf: number, no: number): number;
  pairP: Int32Array;
  pairQ: Int32Array;
  pairD: Float32Array;
}

interface JoinExports {
  memory: WasmMemory;
  joinFiltered(data: number, chunks: number, fresh: number, nf: number, old: number, no: number, worst: number, outP: number, outQ: number, outD: number): number;
}

const knnJoinKernels = kernelSwitch(knnJoinWasmHex);

/** The kernel new searches use: 'wasm' where WebAssembly SIMD runs here, else 'js'. */
export function knnKernel(): KnnKernel {
  return knnJoinKernels.kernel();
}

/** Forces one kernel (benchmarks, tests); null goes back to the detected one. */
export function forceKnnKernel(kernel: KnnKernel | null): void {
  knnJoinKernels.force(kernel);
}

const pairCount = (nf: number, no: number) => (nf * (nf - 1)) / 2 + nf * no;

/** ‖x_p − x_q‖² in float32 as knn-join.wat computes it: four lane sums, added in lane order. */
export function sqDistF32(data: Float32Array, p: number, q: number, dim: number): number {
  const fr = Math.fround;
  let a = p * dim, b = q * dim;
  const end4 = a + (dim & ~3), rest = dim & 3;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (; a < end4; a += 4, b += 4) {
    const d0 = fr(data[a] - data[b]), d1 = fr(data[a + 1] - data[b + 1]);
    const d2 = fr(data[a + 2] - data[b + 2]), d3 = fr(data[a + 3] - data[b + 3]);
    s0 = fr(s0 + fr(d0 * d0));
    s1 = fr(s1 + fr(d1 * d1));
    s2 = fr(s2 + fr(d2 * d2));
    s3 = fr(s3 + fr(d3 * d3));
  }
  // The zero padding adds exact zeros to the other lanes.
  if (rest > 0) { const d = fr(data[a] - data[b]); s0 = fr(s0 + fr(d * d)); }
  if (rest > 1) { const d = fr(data[a + 1] - data[b + 1]); s1 = fr(s1 + fr(d * d)); }
  if (rest > 2) { const d = fr(data[a + 2] - data[b + 2]); s2 = fr(s2 + fr(d * d)); }
  return fr(fr(fr(s0 + s1) + s2) + s3);
}

/** The JavaScript join. */
export function joinDistancesJs(data: Float32Array, n: number, dim: number): KnnJoin {
  const join: KnnJoin = {
    fresh: new Int32Array(64), old: new Int32Array(64), worst: new Float32Array(n),
    pairP: new Int32Array(pairCount(64, 64)), pairQ: new Int32Array(pairCount(64, 64)), pairD: new Float32Array(pairCount(64, 64)),
    ensure(length) {
      if (length <= join.fresh.length) return;
      join.fresh = new Int32Array(length);
      join.old = new Int32Array(length);
      join.pairP = new Int32Array(pairCount(length, length));
      join.pairQ = new Int32Array(pairCount(length, length));
      join.pairD = new Float32Array(pairCount(length, length));
    },
    runFiltered(nf, no) {
      const { fresh, old, worst, pairP, pairQ, pairD } = join;
      let t = 0;
      const pair = (p: number, q: number) => {
        if (q === p) return;
        const d = sqDistF32(data, p, q, dim);
        if (d < worst[p] || d < worst[q]) {
          pairP[t] = p;
          pairQ[t] = q;
          pairD[t++] = d;
        }
      };
      for (let a = 0; a < nf; a++) {
        for (let b = a + 1; b < nf; b++) pair(fresh[a], fresh[b]);
        for (let b = 0; b < no; b++) pair(fresh[a], old[b]);
      }
      return t;
    },
  };
  return join;
}

/** The WebAssembly join over these rows, or null where it cannot run. */
function joinDistancesWasm(data: Float32Array, n: number, dim: number): KnnJoin | null {
  const mod = knnJoinKernels.module();
  const exp = mod ? (instantiateModule(mod) as JoinExports | null) : null;
  if (!exp) return null;
  const chunks = (dim + 3) >> 2;
  const dataBytes = n * chunks * 16;
  const worstAt = align16(dataBytes);
  let capacity = 0, freshAt = 0, oldAt = 0, pAt = 0, qAt = 0, dAt = 0;
  const join: KnnJoin = {
    fresh: new Int32Array(0), old: new Int32Array(0), worst: new Float32Array(0),
    pairP: new Int32Array(0), pairQ: new Int32Array(0), pairD: new Float32Array(0),
    ensure(length) {
      if (length <= capacity) return;
      // The lists and the outputs move past the rows and `worst`, which stay where they are.
      capacity = length;
      const pairs = pairCount(capacity, capacity);
      freshAt = align16(worstAt + 4 * n);
      oldAt = align16(freshAt + 4 * capacity);
      pAt = align16(oldAt + 4 * capacity);
      qAt = align16(pAt + 4 * pairs);
      dAt = align16(qAt + 4 * pairs);
      const end = dAt + 4 * pairs;
      if (end > 2 ** 31 || !ensureMemory(exp.memory, end)) throw new Error('knn-join: out of WebAssembly memory.');
      const buffer = exp.memory.buffer;
      join.worst = new Float32Array(buffer, worstAt, n);
      join.fresh = new Int32Array(buffer, freshAt, capacity);
      join.old = new Int32Array(buffer, oldAt, capacity);
      join.pairP = new Int32Array(buffer, pAt, pairs);
      join.pairQ = new Int32Array(buffer, qAt, pairs);
      join.pairD = new Float32Array(buffer, dAt, pairs);
    },
    runFiltered(nf, no) {
      return exp.joinFiltered(0, chunks, freshAt, nf, oldAt, no, worstAt, pAt, qAt, dAt);
    },
  };
  try {
    join.ensure(64);
  } catch {
    return null;
  }
  const rows = new Float32Array(exp.memory.buffer, 0, n * chunks * 4);
  for (let i = 0; i < n; i++) rows.set(data.subarray(i * dim, i * dim + dim), i * chunks * 4);
  return join;
}

/** The join for a search over `data` (n × dim) with the current kernel. */
export function createJoin(data: Float32Array, n: number, dim: number): KnnJoin {
  return (knnKernel() === 'wasm' ? joinDistancesWasm(data, n, dim) : null) ?? joinDistancesJs(data, n, dim);
}
