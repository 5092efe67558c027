import { describe, expect, it } from 'vitest';
import { breakingPoint, breakingPointText } from './breaking-points';

const lv = (sparsity: number, robustAccuracy: number) => ({ modelId: `m${sparsity}`, sparsity, robustAccuracy });

describe('breakingPoint (hand-computed)', () => {
  it('keeps up to the last level within 1 point of dense, breaks at the first one below', () => {
    // dense 0.700: floor 0.690; 0.695 ok, 0.690 ok (exactly 1 point), 0.689 breaks, 0.70 after a break does not count.
    const bp = breakingPoint(0.7, [lv(0.5, 0.695), lv(0.7, 0.69), lv(0.8, 0.689), lv(0.95, 0.7)]);
    expect(bp.keptUpTo?.sparsity).toBe(0.7);
    expect(bp.firstBreak?.sparsity).toBe(0.8);
    expect(breakingPointText('gmp', bp)).toBe('gmp keeps robustness up to 70 % sparsity (robust accuracy 69.0 % vs dense 70.0 %, within 1 point; 80 %: 68.9 %)');
  });

  it('breaks before the first level', () => {
    const bp = breakingPoint(0.7, [lv(0.5, 0.68), lv(0.8, 0.6)]);
    expect(bp.keptUpTo).toBeNull();
    expect(bp.firstBreak?.sparsity).toBe(0.5);
    expect(breakingPointText('random', bp)).toBe('random breaks before 50 % sparsity (robust accuracy 68.0 % vs dense 70.0 %, more than 1 point below)');
  });

  it('never breaks: kept up to its highest level; accuracy above dense is within', () => {
    const bp = breakingPoint(0.7, [lv(0.5, 0.72), lv(0.9, 0.695)]);
    expect([bp.keptUpTo?.sparsity, bp.firstBreak]).toEqual([0.9, null]);
    expect(breakingPointText('x', bp)).toContain('up to 90 % sparsity, its highest level');
  });

  it('a user tolerance moves the point; NaN counts as broken', () => {
    const levels = [lv(0.5, 0.68), lv(0.8, 0.66), lv(0.9, 0.6)];
    expect(breakingPoint(0.7, levels, 0.03).keptUpTo?.sparsity).toBe(0.5);
    expect(breakingPoint(0.7, levels, 0.05).keptUpTo?.sparsity).toBe(0.8);
    expect(breakingPoint(0.7, [lv(0.5, NaN)], 0.5).keptUpTo).toBeNull();
  });
});
