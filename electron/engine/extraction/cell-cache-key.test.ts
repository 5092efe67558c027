// cellCacheKey's memo (per plan object) answers exactly what a fresh computation does: for each
// model, set and plan field the key depends on, and never one plan's key for another plan.
import { describe, expect, it } from 'vitest';
import type { SetRef } from '../../../src-shared/api/result-types';
import { cellCacheKey } from './extraction-plan';
import type { ExtractionPlan } from './extraction-plan';
import type { PreparedModel } from './prepared-model';

const model = (hash: string, featureTensor = 'f') => ({ id: hash, hash, head: { classes: 10, featureDim: 64, featureTensor } }) as unknown as PreparedModel;
const set = (corruption: string, severity: number) => ({ id: corruption === 'clean' ? 'clean' : `${corruption}-s${severity}`, corruption, severity, group: 'benchmark' }) as SetRef;
const plan = (dataKey: string, corruptionSeed = 0) =>
  ({ dataKey, corruptionSeed, preprocessing: { layout: 'NCHW', scale: 255, mean: [0.5], std: [0.5] } }) as unknown as ExtractionPlan;

describe('cellCacheKey', () => {
  it('gives the memoised key a fresh plan object computes, distinct for every input it depends on', () => {
    const models = [model('a'), model('b'), model('a', 'g')];
    const sets = [set('clean', 0), set('fog', 1), set('fog', 3), set('frost', 1)];
    const plans = [plan('data-1'), plan('data-2'), plan('data-1', 7)];
    const keys = new Set<string>();
    for (const p of plans) {
      for (const m of models) {
        for (const s of sets) {
          const first = cellCacheKey(m, s, p);
          expect(cellCacheKey(m, s, p)).toBe(first); // memoised
          expect(cellCacheKey(m, s, { ...p })).toBe(first); // a fresh plan object: computed again
          keys.add(first);
        }
      }
    }
    // The corruption seed does not enter the clean set's key: that one cell per model is shared by plans 0 and 2.
    expect(keys.size).toBe(plans.length * models.length * sets.length - models.length);
  });
});
