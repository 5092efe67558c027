import { describe, expect, it } from 'vitest';
import type { SweepSeries } from '../../../../src-shared/analysis/sweep-types';
import { formatX, sweepLines, yAxisTicks } from './sweep-model';

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

  it('y ticks sit at round values in the unit shown, cover every value and band, and each label is its tick\'s value', () => {
    // A QA bundle's robust accuracies 55.2–75.9 % with bands: recharts' own ticks were 0.52, 0.585, … labelled "59".
    const qa = { ...sweep, levels: [level('dense', 0, 0.75875, 1, 1), level('g50', 0.5, 0.7320833, 1, 1), level('g80', 0.8, 0.73875, 1, 1), level('g95', 0.95, 0.5518333, 1, 1)] } as unknown as SweepSeries;
    const lines = sweepLines([qa], 'robustAccuracy', 'sparsity', 0.01);
    const { ticks, label } = yAxisTicks(lines, 'robustAccuracy');
    expect(ticks.map(label)).toEqual(['50', '55', '60', '65', '70', '75', '80']);
    for (const t of ticks) expect(Number(label(t)) / 100).toBeCloseTo(t, 12);
    const values = lines[0].points.flatMap((p) => [p.value, ...p.band]);
    expect(ticks[0]).toBeLessThanOrEqual(Math.min(...values));
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(Math.max(...values));
    // Geometry metrics keep their own unit (degrees here); one flat value still gets a span around it.
    const angle = (id: string, value: number) => ({ modelId: id, sparsity: 0, remainingParameters: 1, effectiveMacs: 1, metrics: { 'clean.angleGt': v(value, value - 0.5, value + 0.5) } });
    const geometry = yAxisTicks(sweepLines([{ ...sweep, levels: [angle('dense', 66.18), angle('g50', 84.35)] } as unknown as SweepSeries], 'clean.angleGt', 'sparsity', 0.01), 'clean.angleGt');
    expect(geometry.ticks).toEqual([65, 70, 75, 80, 85]);
    expect(geometry.ticks.map(geometry.label)).toEqual(['65', '70', '75', '80', '85']);
    const flat = yAxisTicks(sweepLines([{ ...sweep, levels: [level('dense', 0, 0.7, 1, 1)] } as unknown as SweepSeries], 'cleanAccuracy', 'sparsity', 0.01), 'cleanAccuracy');
    expect(flat.ticks.length).toBeGreaterThan(1);
    expect(flat.ticks[0]).toBeLessThan(0.9);
    expect(flat.ticks[flat.ticks.length - 1]).toBeGreaterThan(0.9);
  });
});
