// The WebAssembly radix sort against RadixSorter: identical sorted values (Object.is) and sample
// order, on ±0, ±Inf, subnormals, ties and index subsets in any order, from empty to a run large
// enough to grow its memory; and the aggregates take it only where the WebAssembly kernels run.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../base/rng';
import { RadixSorter } from './radix-order';
import { valueSorter } from './wasm-radix';
import { forceGeometryKernel } from './wasm-runtime';

afterEach(() => forceGeometryKernel(null));

function bothSorts(values: Float32Array, index: Int32Array) {
  const n = index.length;
  const run = (sorter: { sort: RadixSorter['sort'] }) => {
    const sorted = new Float64Array(n + 2).fill(7); // past n: left alone
    const order = new Int32Array(n + 2).fill(-1);
    sorter.sort(values, index, n, sorted, order);
    return { sorted: Array.from(sorted, (v) => (Object.is(v, -0) ? '-0' : v)), order: Array.from(order) };
  };
  forceGeometryKernel('wasm');
  const wasm = valueSorter();
  expect(wasm).not.toBeInstanceOf(RadixSorter);
  return { wasm: run(wasm), js: run(new RadixSorter()) };
}

describe('WebAssembly radix sort', () => {
  it('equals RadixSorter on negatives, infinities, ±0, subnormals and a reversed subset', () => {
    const rng = createRng(11);
    const values = Float32Array.from({ length: 3000 }, (_, i) => (i % 5 === 0 ? Math.round(rng.normal() * 3) : rng.normal() * 10 ** rng.int(8) * (rng.next() < 0.5 ? -1e-3 : 1)));
    values.set([Infinity, -Infinity, -0, 0, -0, 1e-45, -1e-45, 3.4e38, -3.4e38], 2100);
    const index = Int32Array.from({ length: 2000 }, (_, k) => 2999 - k);
    const { wasm, js } = bothSorts(values, index);
    expect(wasm).toEqual(js);
    const negativeZeros = Array.from(index).filter((i) => Object.is(values[i], -0)).length;
    expect([js.sorted[0], js.sorted[1999], js.sorted.filter((v) => v === '-0').length]).toEqual([-Infinity, Infinity, negativeZeros]);
  });

  it('equals RadixSorter for any values and index subset (ties, a shared digit, empty)', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true }), { maxLength: 60 }), fc.integer(), (list, seed) => {
        const values = Float32Array.from(list);
        let state = seed >>> 0;
        const index = Int32Array.from(Array.from(values.keys()).filter(() => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) & 3) !== 0));
        const { wasm, js } = bothSorts(values, index);
        expect(wasm).toEqual(js);
      }),
      { numRuns: 300 },
    );
  });

  it('grows its memory for a long run (300,000 values, many equal)', () => {
    const rng = createRng(12);
    const values = Float32Array.from({ length: 300_000 }, () => Math.round(rng.normal() * 1000) / 8);
    const { wasm, js } = bothSorts(values, Int32Array.from(values.keys()));
    expect(wasm.order).toEqual(js.order);
    expect(wasm.sorted).toEqual(js.sorted);
  });

  it('is not used when the JavaScript kernels are forced', () => {
    forceGeometryKernel('js');
    expect(valueSorter()).toBeInstanceOf(RadixSorter);
  });
});
