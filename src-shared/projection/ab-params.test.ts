import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../tools/fixtures/projection/load-fixture';
import { findAbParams } from './ab-params';

interface AbFixture {
  cases: { spread: number; minDist: number; a: number; b: number }[];
}

describe('findAbParams', () => {
  it('matches scipy curve_fit (umap-learn find_ab_params) on several settings', () => {
    for (const c of fixtureJson<AbFixture>('ab-params.json').cases) {
      const { a, b } = findAbParams(c.spread, c.minDist);
      expect(a).toBeCloseTo(c.a, 4);
      expect(b).toBeCloseTo(c.b, 4);
    }
  });

  it('gives the standard a ≈ 1.577, b ≈ 0.895 for min_dist 0.1', () => {
    const { a, b } = findAbParams(1, 0.1);
    expect(a).toBeCloseTo(1.577, 3);
    expect(b).toBeCloseTo(0.895, 3);
  });

  it('rejects a non-positive spread', () => {
    expect(() => findAbParams(0, 0.1)).toThrow(/spread/);
  });
});
