import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nanMean, pearson, quantileSorted, summarize } from './stats';

describe('stats', () => {
  it('quantiles interpolate linearly like numpy.quantile', () => {
    // np.quantile([1, 2, 3, 4], [0.05, 0.25, 0.5, 0.75, 0.95]) = [1.15, 1.75, 2.5, 3.25, 3.85]
    const s = summarize(Float32Array.from([4, 1, 3, 2]));
    expect([s.q05, s.q25, s.q50, s.q75, s.q95].map((v) => +v.toFixed(10))).toEqual([1.15, 1.75, 2.5, 3.25, 3.85]);
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('excludes and counts NaNs; population std', () => {
    const s = summarize([NaN, 2, 4, NaN, 4, 4, 5, 5, 7, 9]);
    expect(s.count).toBe(8);
    expect(s.nanCount).toBe(2);
    expect(s.mean).toBe(5);
    expect(s.std).toBe(2);
    expect(s.min).toBe(2);
    expect(s.max).toBe(9);
    const empty = summarize([NaN]);
    expect(empty.count).toBe(0);
    expect(empty.mean).toBeNaN();
    expect(nanMean([NaN, 1, 3])).toBe(2);
  });

  it('summarize honours the include filter', () => {
    const s = summarize([1, 100, 3], (i) => i !== 1);
    expect(s.mean).toBe(2);
  });

  it('quantiles are monotone and bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (values) => {
        const s = summarize(values);
        const q = [s.min, s.q05, s.q25, s.q50, s.q75, s.q95, s.max];
        for (let i = 1; i < q.length; i++) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1]);
      }),
    );
  });

  it('pearson: ±1 for affine relations, NaN for a constant vector', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([0.1, 0.1, 0.1], [1, 2, 3])).toBeNaN();
    // r of (1,2,3,4) and (1,3,2,4) = 0.8
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
  });
});
