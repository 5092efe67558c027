import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowDots, rowNormSq } from './dot-kernel';

describe('rowDots', () => {
  it('equals the naive double loop for any C and d (blocks of 4, odd d)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 3 }), fc.integer(), (C, d, offsetRows, seed) => {
        let state = seed >>> 0;
        const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
        const W = Float32Array.from({ length: C * d }, next);
        const F = Float32Array.from({ length: (offsetRows + 1) * d }, next);
        const out = new Float64Array(C);
        rowDots(W, C, d, F, offsetRows * d, out);
        for (let c = 0; c < C; c++) {
          let naive = 0;
          for (let k = 0; k < d; k++) naive += W[c * d + k] * F[offsetRows * d + k];
          expect(out[c]).toBeCloseTo(naive, 10);
        }
        let ff = 0;
        for (let k = 0; k < d; k++) ff += F[offsetRows * d + k] ** 2;
        expect(rowNormSq(F, d, offsetRows * d)).toBeCloseTo(ff, 10);
      }),
      { numRuns: 300 },
    );
  });
});
