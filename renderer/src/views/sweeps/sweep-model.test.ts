import { describe, expect, it } from 'vitest';
import type { SweepSeries } from '../../../../src-shared/analysis/sweep-types';
import { formatX, sweepLines } from './sweep-model';

const v = (value: number | null, lo = value, hi = value) => ({ value, lo, hi }) as unknown as { value: number; lo: number; hi: number };
function level(modelId: string, sparsity: number, robust: number | null, params: number | null, macs: number | null) {
  return { modelId, sparsity, remainingParameters: params, effectiveMacs: macs, metrics: { robustAccuracy: v(robust, robust === null ? null : robust - 0.01, robust === null ? null : robust + 0.01), cleanAccuracy: v(0.9) } } as unknown as SweepSeries['levels'][number];
}
const sweep = {
  key: 'gmp',
  levels: [level('dense', 0, 0.7, 1000, 4000), level('g50', 0.5, 0.695, 500, 2000), level('g80', 0.8, 0.688, 200, null), level('g95', 0.95, null, 50, 300)],
  breaking: null, finding: '',
} as unknown as SweepSeries;

describe('sweep view model', () => {
  it('points of a metric on the sparsity axis with their bands; a null (JSON NaN) value is left out', () => {
    const [line] = sweepLines([sweep], 'robustAccuracy', 'sparsity', 0.01);
    expect(line.points.map((p) => [p.modelId, p.x, p.value])).toEqual([['dense', 0, 0.7], ['g50', 0.5, 0.695], ['g80', 0.8, 0.688]]);
    expect(line.points[1].band[0]).toBeCloseTo(0.685, 12);
    expect(line.points[1].band[1]).toBeCloseTo(0.705, 12);
  });

  it('the breaking point follows the tolerance, and the marker sits on that level', () => {
    expect(sweepLines([sweep], 'robustAccuracy', 'sparsity', 0.01)[0].marker?.modelId).toBe('g50');
    expect(sweepLines([sweep], 'robustAccuracy', 'sparsity', 0.02)[0].marker?.modelId).toBe('g80');
    expect(sweepLines([sweep], 'robustAccuracy', 'sparsity', 0.001)[0].marker).toBeNull();
    expect(sweepLines([sweep], 'cleanAccuracy', 'sparsity', 0.02)[0].breaking.firstBreak?.modelId).toBe('g95');
  });

  it('remaining parameters and effective MACs as x; levels without the figure are left out', () => {
    expect(sweepLines([sweep], 'cleanAccuracy', 'remainingParameters', 0.01)[0].points.map((p) => p.x)).toEqual([1000, 500, 200, 50]);
    expect(sweepLines([sweep], 'cleanAccuracy', 'effectiveMacs', 0.01)[0].points.map((p) => p.x)).toEqual([4000, 2000, 300]);
    expect(formatX('effectiveMacs', 2_500_000)).toBe('2.5 M');
    expect(formatX('sparsity', 0.95)).toBe('95 %');
  });
});
