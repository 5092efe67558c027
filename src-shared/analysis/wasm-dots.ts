// The WebAssembly SIMD path of the geometry's dot products (geometry-dots.wat): w_c · f for every
// class and ‖f‖² for a block of feature rows at a time, bit-identical to dot-kernel.ts (same f64
// sums in the same order) and about 5× faster than it at 10 classes × 128-d (BENCHMARKS.md).
// Selected by wasm-runtime.ts; the scalar kernel runs where it is not.
import { align16, ensureMemory, wasmKernel } from './wasm-runtime';
import type { WasmMemory } from './wasm-runtime';

interface DotExports {
  memory: WasmMemory;
  widen(src: number, dst: number, norms: number, rows: number, d: number, dPad: number, shift: number): void;
  dots(weights: number, cPad: number, dPad: number, rows: number, groups: number, out: number): void;
}

/** Above this many bytes of f64 weights (cPad × dPad × 8) the scalar kernel is used instead. */
export const MAX_WASM_WEIGHT_BYTES = 256 * 2 ** 20;
/** Rows per block: the widened rows (block × dPad × 8 bytes) stay within ~128 KiB (L2). */
const BLOCK_BYTES = 128 * 1024;

/** Per-thread kernel state over one module instance: the loaded head and the block buffers. */
export class WasmRowDots {
  private readonly exp: DotExports;
  private d = 0;
  /** Classes padded to even, features to even: the strides of `dots` and of the f64 layouts. */
  cPad = 0;
  private dPad = 0;
  /** Rows per block (a multiple of 4). */
  blockRows = 0;
  private wPtr = 0;
  private rowsPtr = 0;
  private fPtr = 0;
  private normsPtr = 0;
  private outPtr = 0;
  /** Views of the last block's results: dots[r · cPad + c] = w_c · f_r, norms[r] = ‖f_r‖². */
  dots = new Float64Array(0);
  norms = new Float64Array(0);
  private features = new Float32Array(0);

  constructor(exports: DotExports) {
    this.exp = exports;
  }

  /**
   * Copies W (C × d) in as the current head (a copy and one SIMD pass, less than a row's dot
   * products: done on every call, so a head is never stale). False when the memory cannot grow
   * to hold it (then the scalar kernel runs).
   */
  load(W: Float32Array, C: number, d: number): boolean {
    const cPad = C + (C & 1);
    const dPad = d + (d & 1);
    const blockRows = Math.max(4, Math.floor(BLOCK_BYTES / (dPad * 8)) & ~3);
    // The staging and norm areas serve a block of rows and, while loading, the weights.
    const staged = Math.max(blockRows, cPad);
    this.wPtr = 0;
    this.rowsPtr = align16(cPad * dPad * 8);
    this.fPtr = align16(this.rowsPtr + blockRows * dPad * 8);
    this.normsPtr = align16(this.fPtr + staged * d * 4);
    this.outPtr = align16(this.normsPtr + staged * 8);
    const end = this.outPtr + blockRows * cPad * 8;
    if (!ensureMemory(this.exp.memory, end)) return false;
    const buffer = this.exp.memory.buffer;
    // W into class pairs interleaved by k pairs (geometry-dots.wat); a padded class is +0.
    const staging = new Float32Array(buffer, this.fPtr, staged * d);
    staging.set(W);
    staging.fill(0, C * d, cPad * d);
    this.exp.widen(this.fPtr, this.wPtr, this.normsPtr, cPad, d, dPad, 1);
    this.features = staging.subarray(0, blockRows * d);
    this.norms = new Float64Array(buffer, this.normsPtr, blockRows);
    this.dots = new Float64Array(buffer, this.outPtr, blockRows * cPad);
    this.d = d;
    this.cPad = cPad;
    this.dPad = dPad;
    this.blockRows = blockRows;
    return true;
  }

  /** Dots and squared norms of rows [start, start + count) of F (count ≤ blockRows) into `dots`, `norms`. */
  run(F: Float32Array, start: number, count: number): void {
    const { d, dPad, cPad } = this;
    this.features.set(F.subarray(start * d, (start + count) * d));
    this.exp.widen(this.fPtr, this.rowsPtr, this.normsPtr, count, d, dPad, 2);
    this.exp.dots(this.wPtr, cPad, dPad, this.rowsPtr, (count + 3) >> 2, this.outPtr);
  }
}

let instance: WasmRowDots | undefined;

/**
 * The thread's SIMD kernel loaded with W (valid until the next call), or null where the scalar
 * kernel should run (no WebAssembly SIMD, JavaScript forced, a head past MAX_WASM_WEIGHT_BYTES).
 */
export function wasmRowDots(W: Float32Array, C: number, d: number): WasmRowDots | null {
  if ((C + (C & 1)) * (d + (d & 1)) * 8 > MAX_WASM_WEIGHT_BYTES) return null;
  const exports = wasmKernel('dots') as DotExports | null;
  if (!exports) return null;
  instance ??= new WasmRowDots(exports);
  return instance.load(W, C, d) ? instance : null;
}
