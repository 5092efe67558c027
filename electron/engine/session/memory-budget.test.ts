// Memory budgets come from the environment in MiB, with documented defaults; nonsense is refused.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CELL_BUDGET_MB, DEFAULT_PROJECTION_BUDGET_MB, DEFAULT_UMAP_STATE_BUDGET_MB, cellBudgetBytes, projectionBudgetBytes, umapStateBudgetBytes } from './memory-budget';

describe('memory budgets', () => {
  it('default to the documented sizes', () => {
    expect(cellBudgetBytes({})).toBe(DEFAULT_CELL_BUDGET_MB * 1048576);
    expect(projectionBudgetBytes({ PRUNELENS_PROJECTION_BUDGET_MB: ' ' })).toBe(DEFAULT_PROJECTION_BUDGET_MB * 1048576);
    expect(umapStateBudgetBytes({})).toBe(DEFAULT_UMAP_STATE_BUDGET_MB * 1048576);
    expect(umapStateBudgetBytes({ PRUNELENS_UMAP_STATE_BUDGET_MB: '32' })).toBe(32 * 1048576);
  });

  it('read MiB from the environment', () => {
    expect(cellBudgetBytes({ PRUNELENS_CELL_BUDGET_MB: '128' })).toBe(134217728);
    expect(projectionBudgetBytes({ PRUNELENS_PROJECTION_BUDGET_MB: '0.5' })).toBe(524288);
    expect(cellBudgetBytes({ PRUNELENS_CELL_BUDGET_MB: '0' })).toBe(0);
  });

  it('refuse what is not a size', () => {
    expect(() => cellBudgetBytes({ PRUNELENS_CELL_BUDGET_MB: 'lots' })).toThrow(/PRUNELENS_CELL_BUDGET_MB/);
    expect(() => projectionBudgetBytes({ PRUNELENS_PROJECTION_BUDGET_MB: '-1' })).toThrow(/≥ 0/);
  });
});
