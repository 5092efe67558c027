// Loading the WebAssembly kernels, whose bytes ship as hex strings in generated *-bytes.ts modules
// (tools/build/build-wasm.ts): decode, validate and compile once, instantiate with imports. Every
// failure (no WebAssembly, a CSP without 'wasm-unsafe-eval', no SIMD) returns null, so callers
// keep their JavaScript kernels. Shared by analysis/ (wasm-runtime.ts) and projection/ (sgd-wasm.ts,
// knn-join.ts).

declare const WebAssembly:
  | {
      validate(bytes: Uint8Array<ArrayBuffer>): boolean;
      Module: new (bytes: Uint8Array<ArrayBuffer>) => object;
      Instance: new (module: object, imports?: object) => { exports: object };
    }
  | undefined;

/** A module's exported memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export const WASM_PAGE = 65536;

export function decodeHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The compiled module, or null where it does not validate or compile here. */
export function compileHex(hex: string): object | null {
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const bytes = decodeHex(hex);
    return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    return null;
  }
}

/** A new instance's exports, or null where it cannot be instantiated (e.g. out of memory). */
export function instantiateModule(module: object, imports?: object): object | null {
  try {
    if (typeof WebAssembly === 'undefined') return null;
    return new WebAssembly.Instance(module, imports).exports;
  } catch {
    return null;
  }
}

/** Grows `memory` to at least `bytes`; false when it cannot (the caller then runs the JavaScript kernel). */
export function ensureMemory(memory: WasmMemory, bytes: number): boolean {
  try {
    if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / WASM_PAGE));
    return true;
  } catch {
    return false;
  }
}

export const align16 = (bytes: number) => (bytes + 15) & ~15;

/** Which of a kernel's two implementations runs: the WebAssembly module or its JavaScript twin. */
export type KernelChoice = 'wasm' | 'js';

/** One module compiled on first use, and the switch between it and its JavaScript twin. */
export interface KernelSwitch {
  /** The compiled module, or null where it does not compile here. */
  module(): object | null;
  /** 'wasm' where the module compiles here, unless a kernel was forced. */
  kernel(): KernelChoice;
  /** Forces one kernel (benchmarks, tests); null goes back to the detected one. 'wasm' throws where it is unavailable. */
  force(kernel: KernelChoice | null): void;
}

export function kernelSwitch(hex: string): KernelSwitch {
  let compiled: object | null | undefined;
  let forced: KernelChoice | null = null;
  const module = () => {
    if (compiled === undefined) compiled = compileHex(hex);
    return compiled;
  };
  return {
    module,
    kernel: () => forced ?? (module() ? 'wasm' : 'js'),
    force(kernel) {
      if (kernel === 'wasm' && !module()) throw new Error('WebAssembly is not available here.');
      forced = kernel;
    },
  };
}
