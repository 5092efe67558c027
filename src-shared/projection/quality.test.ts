import { describe, expect, it } from 'vitest';
import { fixtureJson, fixtureNpy } from '../../tools/fixtures/projection/load-fixture';
import { createRng, sampleIndices } from '../base/rng';
import { embeddingQuality } from './quality';

interface QualityFixture {
  n: number;
  dimX: number;
  dimY: number;
  cases: { k: number; trustworthiness: number; knnRecall: number }[];
}

describe('embeddingQuality', () => {
  const fixture = fixtureJson<QualityFixture>('quality.json');
  const x = fixtureNpy('quality-x.npy').data as Float32Array;
  const y = fixtureNpy('quality-y.npy').data as Float32Array;

  it('matches the NumPy reference (sklearn formula) for trustworthiness and kNN recall', () => {
    for (const c of fixture.cases) {
      const q = embeddingQuality(x, fixture.dimX, y, fixture.dimY, fixture.n, c.k);
      expect(q.trustworthiness).toBeCloseTo(c.trustworthiness, 10);
      expect(q.knnRecall).toBeCloseTo(c.knnRecall, 10);
    }
  });

  it('is 1 for an isometric embedding', () => {
    const q = embeddingQuality(x, fixture.dimX, x, fixture.dimX, fixture.n, 5);
    expect(q.trustworthiness).toBe(1);
    expect(q.knnRecall).toBe(1);
  });

  it('samples distinct sorted indices', () => {
    const idx = sampleIndices(100, 30, createRng(1));
    expect(new Set(idx).size).toBe(30);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
  });
});
