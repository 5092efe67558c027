// Empty rows of the redundancy matrix and why they are empty.
import { describe, expect, it } from 'vitest';
import type { EvaluationTable, SetRef } from '../api/result-types';
import { accuracyDrops, emptyRowReason, emptyRows } from './redundancy-notes';

const sets: SetRef[] = [
  { id: 'clean', corruption: 'clean', severity: 0, group: 'clean' },
  { id: 'saturate-s1', corruption: 'saturate', severity: 1, group: 'extra' },
  { id: 'saturate-s3', corruption: 'saturate', severity: 3, group: 'extra' },
  { id: 'fog-s3', corruption: 'fog', severity: 3, group: 'benchmark' },
];
// Two models on greyscale images: saturate changes nothing; fog costs 10 and 30 points.
const table = {
  sets, models: [{ id: 'dense', role: 'dense', method: 'dense', sparsity: null }, { id: 'p', role: 'pruned', method: 'm', sparsity: 0.5 }],
  accuracy: Float32Array.from([0.9, 0.9, 0.9, 0.8, 0.85, 0.85, 0.85, 0.55]),
} as unknown as EvaluationTable;

describe('redundancy matrix rows', () => {
  it('finds the rows with no finite correlation, the diagonal included', () => {
    const m = [1, NaN, 0.4, NaN, NaN, NaN, 0.4, NaN, 1];
    expect(emptyRows(m, 3)).toEqual([1]);
    expect(emptyRows([1, 0, 0, 1], 2)).toEqual([]);
  });

  it('reads each model’s accuracy drop from the evaluation table', () => {
    const drops = accuracyDrops(table, 'fog')!;
    expect(drops[0]).toBeCloseTo(0.1, 6);
    expect(drops[1]).toBeCloseTo(0.3, 6);
    expect(accuracyDrops(table, 'saturate')!.every((d) => Math.abs(d) < 1e-7)).toBe(true);
    expect(accuracyDrops(table, 'snow')).toBeNull();
  });

  it('names the reason: unchanged accuracy (saturate on grey images), equal drops, or constant correctness', () => {
    expect(emptyRowReason('saturate', 'models', table)).toMatch(/unchanged.*saturate on greyscale/);
    expect(emptyRowReason('fog', 'models', table)).toMatch(/same accuracy/);
    expect(emptyRowReason('fog', 'models', null)).toMatch(/same accuracy/);
    expect(emptyRowReason('saturate', 'samples', table)).toMatch(/every sample right \(or every one wrong\)/);
  });
});
