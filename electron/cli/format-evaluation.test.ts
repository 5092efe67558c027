// The CLI's evaluation table prints mCE and relative mCE in % of the dense model's error, as the app
// and the report do (a QA run printed "1.946" where the report said "194.6 %").
import { describe, expect, it } from 'vitest';
import type { EvaluationTable } from '../../src-shared/api/result-types';
import { formatEvaluation } from './format-evaluation';

describe('formatEvaluation', () => {
  it('prints accuracies and mCE / relative mCE in %, and a dash for undefined values', () => {
    const table = {
      executionProvider: 'cpu',
      models: [{ id: 'dense', role: 'dense', method: 'Dense', sparsity: null }, { id: 'gmp-95', role: 'pruned', method: 'Global magnitude', sparsity: 0.95 }],
      sets: [{ id: 'clean' }, { id: 'fog-s1' }],
      accuracy: Float32Array.from([0.915, 0.7, 0.713, 0.5]),
      robustAccuracy: Float32Array.from([0.75875, 0.5518333]),
      mCE: Float32Array.from([1, 1.945971]),
      relativeMCE: Float32Array.from([1, -0.2]),
      extraAccuracy: Float32Array.from([NaN, NaN]),
    } as unknown as EvaluationTable;
    const lines = formatEvaluation(table).split('\n');
    expect(lines[1]).toMatch(/mCE %\s+rel\.mCE %/);
    const columns = (line: string) => line.trim().split(/\s+/);
    expect(columns(lines[2])).toEqual(['dense', '—', '91.5%', '75.9%', '100.0', '100.0', '—', 'Dense']);
    expect(columns(lines[3])).toEqual(['gmp-95', '95.0%', '71.3%', '55.2%', '194.6', '-20.0', '—', 'Global', 'magnitude']);
    // Columns line up under their headers (right-aligned numbers, method left-aligned).
    expect(lines[3].indexOf('Global')).toBe(lines[1].indexOf('method'));
    expect(lines[3].indexOf('194.6') + 5).toBe(lines[1].indexOf('mCE %') + 5);
    expect(lines[3].indexOf('-20.0') + 5).toBe(lines[1].indexOf('rel.mCE %') + 9);
  });
});
