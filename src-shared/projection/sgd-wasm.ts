// The layout epochs in WebAssembly (sgd-epoch.wat, the twin of sgd-epoch.ts's runEpoch): identical
// bytes, ~2.4× faster. On a layout's first epoch here, its positions, edges, negative-sample clocks
// and the due-edge list move into the memory of an instance of its own, once per fit (the state's
// arrays become views of that memory, which never grows afterwards, so JavaScript code reading
// them - unpad, the JavaScript kernel - sees the same values). The due edges are booked there too
// (the twin of sample-schedule.ts's dueEdges). Where WebAssembly does not run, or the memory
// cannot be had, the JavaScript kernel runs; forceLayoutKernel picks one (tests, benchmarks).
import { align16, ensureMemory, instantiateModule, kernelSwitch } from '../base/wasm-loader';
import type { KernelChoice, WasmMemory } from '../base/wasm-loader';
import { exactAttract, exactRepel } from './curve-table';
import type { LayoutState } from './layout-state';
import { sgdEpochWasmHex } from './sgd-epoch-bytes';

export type LayoutKernel = KernelChoice;

interface EpochExports {
  memory: WasmMemory;
  due(order: number, every: number, next: number, bits: number, due: number, m: number, words: number, n: number): number;
  epoch(
    head: number, tail: number, edgeHead: number, edgeTail: number, epn: number, nextNeg: number, due: number, attract: number, repel: number,
    count: number, n: number, alpha: number, base: number, nodes: number, nTail: number,
    push1: number, push2: number, random: number,
  ): number;
}

/** A layout's instance and where its areas lie in that instance's memory. */
interface Runner {
  exp: EpochExports;
  at: { head: number; tail: number; edgeHead: number; edgeTail: number; epn: number; nextNeg: number; due: number; attract: number; repel: number; order: number; every: number; next: number; bits: number };
}

const sgdEpochKernels = kernelSwitch(sgdEpochWasmHex);
const runners = new WeakMap<LayoutState, Runner | null>();

/** The kernel new epochs run on in this thread: 'wasm' where WebAssembly runs here, else 'js'. */
export function layoutKernel(): LayoutKernel {
  return sgdEpochKernels.kernel();
}

/** Forces one kernel (benchmarks, tests); null goes back to the detected one. 'wasm' throws where it is unavailable. */
export function forceLayoutKernel(kernel: LayoutKernel | null): void {
  sgdEpochKernels.force(kernel);
}

function attach(s: LayoutState): Runner | null {
  const mod = sgdEpochKernels.module();
  if (!mod) return null;
  const imports = { curve: { attract: (d2: number) => exactAttract(s.table, d2), repel: (d2: number) => exactRepel(s.table, d2) } };
  const exp = instantiateModule(mod, imports) as EpochExports | null;
  if (!exp) return null;
  let end = 0;
  const place = (bytes: number) => {
    const offset = end;
    end = align16(end + bytes);
    return offset;
  };
  const shared = s.tail === s.head;
  const head = place(s.head.byteLength);
  const at = {
    head, tail: shared ? head : place(s.tail.byteLength),
    edgeHead: place(s.edgeHead.byteLength), edgeTail: place(s.edgeTail.byteLength),
    epn: place(s.epochsPerNegative.byteLength), nextNeg: place(s.nextNegative.byteLength),
    due: place(s.schedule.due.byteLength), attract: place(s.table.attract.byteLength), repel: place(s.table.repel.byteLength),
    order: place(s.schedule.order.byteLength), every: place(s.schedule.every.byteLength), next: place(s.schedule.next.byteLength), bits: place(s.schedule.bits.byteLength),
  };
  if (end > 2 ** 31 || !ensureMemory(exp.memory, end)) return null;
  const buffer = exp.memory.buffer;
  const f32 = (a: Float32Array, offset: number) => { const v = new Float32Array(buffer, offset, a.length); v.set(a); return v; };
  const i32 = (a: Int32Array, offset: number) => { const v = new Int32Array(buffer, offset, a.length); v.set(a); return v; };
  const f64 = (a: Float64Array, offset: number) => { const v = new Float64Array(buffer, offset, a.length); v.set(a); return v; };
  i32(s.edgeHead, at.edgeHead);
  i32(s.edgeTail, at.edgeTail);
  f64(s.epochsPerNegative, at.epn);
  f32(s.table.attract, at.attract);
  f32(s.table.repel, at.repel);
  i32(s.schedule.order, at.order);
  f64(s.schedule.every, at.every);
  // The mutable arrays: from here on, views of the instance's memory.
  s.head = f32(s.head, at.head);
  s.tail = shared ? s.head : f32(s.tail, at.tail);
  s.nextNegative = f64(s.nextNegative, at.nextNeg);
  s.schedule.due = i32(s.schedule.due, at.due);
  s.schedule.next = f64(s.schedule.next, at.next);
  s.schedule.bits = i32(s.schedule.bits, at.bits);
  return { exp, at };
}

/** Runs epoch `n` in WebAssembly; false (and nothing done) where the JavaScript kernel has to run it. */
export function runEpochWasm(s: LayoutState, n: number): boolean {
  if (layoutKernel() !== 'wasm') return false;
  let runner = runners.get(s);
  if (runner === undefined) {
    runner = attach(s);
    runners.set(s, runner);
  }
  if (!runner) return false;
  const { exp, at } = runner;
  const count = exp.due(at.order, at.every, at.next, at.bits, at.due, s.schedule.order.length, s.schedule.bits.length, n);
  const t = s.table;
  s.random = exp.epoch(
    at.head, at.tail, at.edgeHead, at.edgeTail, at.epn, at.nextNeg, at.due, at.attract, at.repel,
    count, n, s.alpha, t.base, t.nodes, s.nTail,
    s.dim > 1 ? 4 : 0, s.dim > 2 ? 4 : 0, s.random,
  );
  return true;
}
