// WebAssembly for the analysis kernels (geometry-dots.wat, radix-sort.wat): their bytes decoded and
// instantiated once per thread (loading: base/wasm-loader.ts), and the one switch between them and
// the scalar JavaScript kernels. SIMD is feature-detected (WebAssembly.validate); any failure to compile or instantiate
// (no WebAssembly, a CSP without 'wasm-unsafe-eval') leaves the JavaScript kernels in charge.
// Both paths give identical results (sample-geometry-paths.test.ts), so the choice is speed only.
import { compileHex, instantiateModule } from '../base/wasm-loader';
import { geometryDotsWasmHex } from './geometry-dots-bytes';
import { radixSortWasmHex } from './radix-sort-bytes';

export { align16, decodeHex, ensureMemory } from '../base/wasm-loader';
export type { WasmMemory } from '../base/wasm-loader';

export type GeometryKernel = 'wasm' | 'js';

/** The exports of a module, or null where it does not validate or instantiate here. */
export function instantiateHex(hex: string): object | null {
  const module = compileHex(hex);
  return module && instantiateModule(module);
}

const sources = { dots: geometryDotsWasmHex, radix: radixSortWasmHex };
export type WasmKernelName = keyof typeof sources;

let forced: GeometryKernel | null = null;
const instances = new Map<WasmKernelName, object | null>();

function instance(name: WasmKernelName): object | null {
  if (!instances.has(name)) instances.set(name, instantiateHex(sources[name]));
  return instances.get(name)!;
}

/** The kernels this thread uses: 'wasm' where the WebAssembly kernels run here, else 'js'. */
export function geometryKernel(): GeometryKernel {
  return forced ?? (instance('dots') && instance('radix') ? 'wasm' : 'js');
}

/** Forces one path (benchmarks, tests); null goes back to the detected one. 'wasm' throws where it is unavailable. */
export function forceGeometryKernel(kernel: GeometryKernel | null): void {
  if (kernel === 'wasm' && !(instance('dots') && instance('radix'))) throw new Error('WebAssembly SIMD is not available here.');
  forced = kernel;
}

/** A kernel module's exports, or null where the JavaScript kernels run (forced, or no WebAssembly SIMD). */
export function wasmKernel(name: WasmKernelName): object | null {
  return geometryKernel() === 'wasm' ? instance(name) : null;
}
