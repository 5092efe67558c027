// Display categories of a sample for one model on one set: what pruning and the corruption did.
import type { SampleMetrics } from '../../../src-shared/api/result-types';
import { Category } from '../../../src-shared/analysis/categories';

export const categoryNames = ['robust', 'pruning-fragile', 'pruning-improved', 'corruption-fragile', 'both-wrong'] as const;
export type CategoryName = (typeof categoryNames)[number];
export const CAT_ROBUST = 0;
export const CAT_PRUNING_FRAGILE = 1;
export const CAT_PRUNING_IMPROVED = 2;
export const CAT_CORRUPTION_FRAGILE = 3;
export const CAT_BOTH_WRONG = 4;

/** Colour-blind-safe (Okabe–Ito) colours, as 0..1 RGB and CSS. */
export const categoryColors: [number, number, number][] = [
  [0.35, 0.6, 0.85], // robust: sky blue
  [0.84, 0.15, 0.11], // pruning-fragile: vermilion
  [0.0, 0.62, 0.45], // pruning-improved: bluish green
  [0.9, 0.62, 0.0], // corruption-fragile: orange
  [0.5, 0.5, 0.5], // both-wrong: grey
];
export const categoryCss = categoryColors.map(([r, g, b]) => `rgb(${Math.round(r * 255)} ${Math.round(g * 255)} ${Math.round(b * 255)})`);

/**
 * Combines the engine's pruning category (vs dense, same set) with this model's clean
 * correctness: pruning effects first, then corruption-fragile (right on clean, wrong here),
 * then both-wrong. The dense model (engine code NO_CATEGORY) only gets robust / corruption-fragile / both-wrong.
 */
export function deriveCategories(metrics: Pick<SampleMetrics, 'category' | 'correct' | 'count'>, cleanCorrect: Uint8Array | null): Uint8Array {
  const out = new Uint8Array(metrics.count);
  for (let i = 0; i < metrics.count; i++) {
    const engine = metrics.category[i];
    if (engine === Category.Lost) out[i] = CAT_PRUNING_FRAGILE;
    else if (engine === Category.Gained) out[i] = CAT_PRUNING_IMPROVED;
    else if (metrics.correct[i]) out[i] = CAT_ROBUST;
    else if (cleanCorrect && cleanCorrect[i]) out[i] = CAT_CORRUPTION_FRAGILE;
    else out[i] = CAT_BOTH_WRONG;
  }
  return out;
}

export function categoryCounts(codes: Uint8Array): number[] {
  const counts = new Array<number>(categoryNames.length).fill(0);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  return counts;
}
