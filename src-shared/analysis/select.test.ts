import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectRanks } from './select';
import { quantileSorted, summarize } from './stats';

describe('selectRanks', () => {
  it('puts the requested order statistics in place (many duplicates included)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 300 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
        (values, picks) => {
          const sorted = Float64Array.from(values).sort();
          const ranks = [...new Set(picks.map((p) => p % values.length))].sort((a, b) => a - b);
          const a = Float64Array.from(values);
          selectRanks(a, ranks);
          // −0 and +0 are equal to the partition, not to Object.is: compare with +0 folded in.
          for (const r of ranks) expect(a[r] + 0).toBe(sorted[r] + 0);
          expect(Array.from(a, (v) => v + 0).sort((x, y) => x - y)).toEqual(Array.from(sorted, (v) => v + 0));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('summary quantiles equal those of the sorted data', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 400 }), (values) => {
        const sorted = Float64Array.from(values).sort();
        const s = summarize(values);
        const fold = (v: number) => v + 0; // −0 → +0
        expect([s.q05, s.q25, s.q50, s.q75, s.q95].map(fold)).toEqual([0.05, 0.25, 0.5, 0.75, 0.95].map((q) => fold(quantileSorted(sorted, q))));
        expect([s.min, s.max].map(fold)).toEqual([sorted[0], sorted[sorted.length - 1]].map(fold));
      }),
      { numRuns: 200 },
    );
  });
});
