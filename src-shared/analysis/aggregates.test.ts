import { describe, expect, it } from 'vitest';
import { fixtureFeatures, fixtureHead, fixtureLogits, isClose, loadAnalysisFixture } from '../../tools/fixtures/analysis/load-fixture';
import { aggregateGeometry } from './aggregates';
import type { GeometryAggregate } from './aggregates';
import { computeSampleGeometry } from './sample-geometry';
import { sampleMetrics } from './types';

const summaryKeys = ['mean', 'std', 'min', 'max', 'q05', 'q25', 'q50', 'q75', 'q95'] as const;

describe('aggregateGeometry against the NumPy reference', () => {
  const fx = loadAnalysisFixture();
  for (let m = 0; m < 3; m++) {
    it(`model ${fx.expected.meta.models[m]}: overall and per class`, () => {
      const geometry = computeSampleGeometry({ head: fixtureHead(fx, m), features: fixtureFeatures(fx, m), labels: fx.labels, logits: fixtureLogits(fx, m, 0) });
      const got = aggregateGeometry(geometry, fx.labels);
      const want = fx.expected.aggregates[m];
      const compare = (g: GeometryAggregate, w: typeof want.overall, where: string) => {
        expect([where, g.count, g.correctCount, g.zeroFeatureCount]).toEqual([where, w.count, w.correctCount, w.zeroFeatureCount]);
        expect(isClose(g.accuracy, w.accuracy, 1e-8)).toBe(true);
        expect(g.error).toBeCloseTo(1 - w.accuracy, 8);
        for (const { key } of sampleMetrics) {
          const ws = w.metrics[key];
          const gs = g.metrics[key];
          expect([where, key, gs.count, gs.nanCount]).toEqual([where, key, ws.count, ws.nanCount]);
          const degrees = key.startsWith('angle');
          for (const stat of summaryKeys) {
            expect([where, key, stat, isClose(gs[stat], ws[stat] ?? null, degrees ? 0 : 1e-4, degrees ? 1e-3 : 1e-6)]).toEqual([where, key, stat, true]);
          }
        }
      };
      compare(got.overall, want.overall, 'overall');
      got.perClass.forEach((g, c) => compare(g, want.perClass[c], `class ${c}`));
    });
  }
});
