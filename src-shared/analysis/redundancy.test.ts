import { describe, expect, it } from 'vitest';
import { firstMismatch, fixtureLogits, loadAnalysisFixture } from '../../tools/fixtures/analysis/load-fixture';
import { averageLinkage } from './clustering';
import { accuracyDropVectors, benchmarkRedundancy, correctnessVectors } from './redundancy';
import type { ModelErrorRates } from './robustness';
import { predictionsFromLogits } from './sample-geometry';

describe('benchmark redundancy against the NumPy/SciPy reference', () => {
  const fx = loadAnalysisFixture();
  const { models, sets, corruptions, C } = fx.expected.meta as { models: string[]; sets: string[]; corruptions: string[]; C: number };
  const correct = models.map((_, m) => sets.map((_s, k) => predictionsFromLogits(fixtureLogits(fx, m, k), C, fx.labels).correct));
  const errorOf = (c: Uint8Array) => 1 - c.reduce((a, b) => a + b, 0) / c.length;
  const rates: ModelErrorRates[] = models.map((id, m) => ({
    id,
    clean: errorOf(correct[m][0]),
    corrupted: Object.fromEntries(corruptions.map((c) => [c, sets.flatMap((s, k) => (s.startsWith(`${c}/`) ? [errorOf(correct[m][k])] : []))])),
  }));
  const bySet: Record<string, Uint8Array[][]> = Object.fromEntries(
    corruptions.map((c) => [c, models.map((_, m) => sets.flatMap((s, k) => (s.startsWith(`${c}/`) ? [correct[m][k]] : [])))]),
  );

  const compare = (got: ReturnType<typeof benchmarkRedundancy>, want: typeof fx.expected.redundancy.correctness) => {
    expect(firstMismatch(got.correlation, want.correlation, 1e-6, 1e-8)).toBe(-1);
    const merges = got.dendrogram.merges.map((m) => [m.a, m.b, m.height, m.size]);
    merges.forEach((row, i) => expect(firstMismatch(row, want.merges[i], 1e-6, 1e-8)).toBe(-1));
    expect(got.dendrogram.leafOrder).toEqual(want.leafOrder);
    expect(got.nearDuplicates.map((d) => [d.a, d.b])).toEqual(want.nearDuplicates.map((d: { a: string; b: string }) => [d.a, d.b]));
    got.nearDuplicates.forEach((d, i) => expect(d.r).toBeCloseTo(want.nearDuplicates[i].r, 6));
  };

  it('accuracy drops across models', () => {
    const drops = accuracyDropVectors(rates, corruptions);
    expect(firstMismatch(drops.flatMap((v) => Array.from(v)), fx.expected.redundancy.drops, 1e-6, 1e-8)).toBe(-1);
    compare(benchmarkRedundancy(corruptions, drops), fx.expected.redundancy.accuracyDrop);
  });

  it('per-sample correctness pooled over models', () => {
    compare(benchmarkRedundancy(corruptions, correctnessVectors(bySet, corruptions)), fx.expected.redundancy.correctness);
  });

  it('a 10-vector clustering with group structure matches SciPy linkage and leaves_list', () => {
    const flat: number[] = fx.expected.redundancy.clusterVectors;
    const vectors = Array.from({ length: 10 }, (_, i) => flat.slice(i * 30, (i + 1) * 30));
    const got = benchmarkRedundancy(vectors.map((_, i) => `v${i}`), vectors, 0.5);
    compare(got, fx.expected.redundancy.clusters);
    expect(got.nearDuplicates.length).toBeGreaterThan(0);
  });
});

describe('averageLinkage by hand', () => {
  it('merges the closest pair first and averages distances', () => {
    // Points on a line at 0, 1, 5: merge (0,1) at 1, then {0,1} with 2 at (5 + 4)/2 = 4.5.
    const d = [0, 1, 5, 1, 0, 4, 5, 4, 0];
    const { merges, leafOrder } = averageLinkage(d, 3);
    expect(merges).toEqual([{ a: 0, b: 1, height: 1, size: 2 }, { a: 2, b: 3, height: 4.5, size: 3 }]);
    expect(leafOrder).toEqual([2, 0, 1]);
  });
  it('constant vectors count as uncorrelated (distance 1) and are never duplicates', () => {
    const result = benchmarkRedundancy(['a', 'b', 'c'], [[1, 1, 1], [1, 2, 3], [2, 4, 6.5]]);
    expect(result.correlation[1]).toBeNaN();
    expect(result.nearDuplicates.map((p) => `${p.a}-${p.b}`)).toEqual(['b-c']);
    expect(result.dendrogram.merges[1].height).toBe(1);
  });
});
