// Breaking points of a sparsity sweep: the largest sparsity up to which the robust accuracy
// stays within a tolerance of the dense model's (every level up to it within; the first level
// that falls further is where the method breaks), and the sentence the report's findings use.

import { formatPercent as pct } from '../util/format';

export interface SweepLevelAccuracy {
  modelId: string;
  sparsity: number;
  robustAccuracy: number;
}

export interface BreakingPoint {
  /** Accuracy drop allowed below dense, as a fraction (0.01 = 1 point). */
  tolerance: number;
  denseRobustAccuracy: number;
  /** The last level before the first break; null when the first pruned level already breaks. */
  keptUpTo: SweepLevelAccuracy | null;
  /** The first level more than `tolerance` below dense; null when no level breaks. */
  firstBreak: SweepLevelAccuracy | null;
}

export const DEFAULT_BREAK_TOLERANCE = 0.01;

/** `dense` is the sparsity-0 point; `levels` the pruned ones by increasing sparsity. NaN accuracy counts as broken. */
export function breakingPoint(dense: number, levels: readonly SweepLevelAccuracy[], tolerance = DEFAULT_BREAK_TOLERANCE): BreakingPoint {
  let keptUpTo: SweepLevelAccuracy | null = null;
  // A tiny slack so that a drop of exactly the tolerance (e.g. 0.71 − 0.70 vs 0.01) counts as within.
  const floor = dense - tolerance - 1e-9;
  for (const level of levels) {
    if (!(level.robustAccuracy >= floor)) return { tolerance, denseRobustAccuracy: dense, keptUpTo, firstBreak: level };
    keptUpTo = level;
  }
  return { tolerance, denseRobustAccuracy: dense, keptUpTo, firstBreak: null };
}

const sparsityText = (s: number) => `${Number((s * 100).toFixed(1))} %`;

/** e.g. "gmp keeps robustness up to 80 % sparsity (robust accuracy 70.4 % vs dense 70.9 %; 95 %: 64.1 %)". */
export function breakingPointText(label: string, bp: BreakingPoint): string {
  const points = `${Number((bp.tolerance * 100).toFixed(2))} point${bp.tolerance === 0.01 ? '' : 's'}`;
  const fall = bp.firstBreak ? `; ${sparsityText(bp.firstBreak.sparsity)}: ${pct(bp.firstBreak.robustAccuracy)}` : '';
  if (!bp.keptUpTo) return `${label} breaks before ${sparsityText(bp.firstBreak!.sparsity)} sparsity (robust accuracy ${pct(bp.firstBreak!.robustAccuracy)} vs dense ${pct(bp.denseRobustAccuracy)}, more than ${points} below)`;
  const tail = bp.firstBreak ? '' : ', its highest level';
  return `${label} keeps robustness up to ${sparsityText(bp.keptUpTo.sparsity)} sparsity${tail} (robust accuracy ${pct(bp.keptUpTo.robustAccuracy)} vs dense ${pct(bp.denseRobustAccuracy)}, within ${points}${fall})`;
}
