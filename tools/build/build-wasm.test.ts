// The committed kernel modules are exactly what tools/build/build-wasm.ts assembles from their WAT
// sources (so the bytes the app runs are reviewable as WAT), and they decode to a module that
// exports what the glue code calls.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHex } from '../../src-shared/analysis/wasm-runtime';
import { assemble, moduleSource, wasmKernels } from './build-wasm';

const repo = path.resolve(import.meta.dirname, '..', '..');

describe('WebAssembly kernels', () => {
  for (const kernel of wasmKernels) {
    it(`${kernel.module} is what ${kernel.wat} assembles to`, async () => {
      const bytes = await assemble(kernel.wat);
      expect(readFileSync(path.join(repo, kernel.module), 'utf8')).toBe(moduleSource(kernel, bytes));
    });
  }

  it('the modules decode to what the glue code calls', async () => {
    const exportsOf = async (name: string) => {
      const hex = ((await import(/* @vite-ignore */ `../../${wasmKernels.find((k) => k.name === name)!.module}`)) as Record<string, string>)[name];
      return WebAssembly.Module.exports(new WebAssembly.Module(decodeHex(hex))).map((e) => `${e.name}:${e.kind}`);
    };
    expect(await exportsOf('geometryDotsWasmHex')).toEqual(['memory:memory', 'widen:function', 'dots:function']);
    expect(await exportsOf('radixSortWasmHex')).toEqual(['memory:memory', 'sort:function']);
    expect(await exportsOf('sgdEpochWasmHex')).toEqual(['memory:memory', 'due:function', 'epoch:function']);
    expect(await exportsOf('knnJoinWasmHex')).toEqual(['memory:memory', 'joinFiltered:function']);
  });
});
