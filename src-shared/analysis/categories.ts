// Sample categories: what pruning (or a corruption) did to each sample's correctness, and PIEs.
import { badData, checkLength } from './validate';

/** Codes of a reference-vs-other correctness comparison (one byte per sample). */
export const Category = {
  /** right in both */
  BothRight: 0,
  /** right in the reference, wrong in the other */
  Lost: 1,
  /** wrong in the reference, right in the other */
  Gained: 2,
  /** wrong in both */
  BothWrong: 3,
} as const;

/** The category byte of a sample that has no pruning category: every sample of the dense model itself. */
export const NO_CATEGORY = 255;

/** Names of the codes when the reference is the dense model and the other a pruned one. */
export const pruningCategoryNames = ['robust', 'pruning-fragile', 'pruning-improved', 'both-wrong'] as const;
/** Names of the codes when the reference is the clean set and the other a corrupted one. */
export const corruptionCategoryNames = ['robust', 'corruption-fragile', 'corruption-improved', 'both-wrong'] as const;

export interface CategoryResult {
  /** Per sample, a `Category` code. */
  codes: Uint8Array;
  /** Counts per code, indexed by code. */
  counts: [number, number, number, number];
}

/** Compares per-sample correctness of a reference with another run on the same samples. */
export function compareCorrectness(reference: Uint8Array, other: Uint8Array): CategoryResult {
  checkLength('correctness of the compared run', other.length, reference.length);
  const codes = new Uint8Array(reference.length);
  const counts: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < reference.length; i++) {
    // bit 0: the other run is wrong; bit 1: the reference is wrong → 0 both right, 1 lost, 2 gained, 3 both wrong.
    const code = (reference[i] ? 0 : 2) + (other[i] ? 0 : 1);
    codes[i] = code;
    counts[code]++;
  }
  return { codes, counts };
}

/** Pruned model vs the dense model on one set: robust / pruning-fragile / pruning-improved / both-wrong. */
export function pruningCategories(denseCorrect: Uint8Array, prunedCorrect: Uint8Array): CategoryResult {
  return compareCorrectness(denseCorrect, prunedCorrect);
}

/** One model, clean vs a corrupted set (same samples): code 1 marks corruption-fragile samples. */
export function corruptionCategories(cleanCorrect: Uint8Array, corruptedCorrect: Uint8Array): CategoryResult {
  return compareCorrectness(cleanCorrect, corruptedCorrect);
}

export interface CorruptionFragility {
  /** Per corrupted set, the clean-vs-corrupted comparison. */
  perSet: CategoryResult[];
  /** Per sample, on how many corrupted sets it is corruption-fragile (right on clean, wrong there). */
  fragileCount: Uint16Array;
}

/** One model across its corrupted sets (same samples as the clean set). */
export function corruptionFragility(cleanCorrect: Uint8Array, corruptedCorrect: Uint8Array[]): CorruptionFragility {
  const fragileCount = new Uint16Array(cleanCorrect.length);
  const perSet = corruptedCorrect.map((set) => {
    const result = corruptionCategories(cleanCorrect, set);
    for (let i = 0; i < fragileCount.length; i++) if (result.codes[i] === Category.Lost) fragileCount[i]++;
    return result;
  });
  return { perSet, fragileCount };
}

/** Most frequent prediction per sample over a population of models; ties → lowest class index. */
export function modalPredictions(preds: Int32Array[], numClasses: number): Int32Array {
  if (preds.length === 0) throw badData('modal prediction needs at least one model.');
  const n = preds[0].length;
  for (const p of preds) checkLength('predictions', p.length, n);
  const votes = new Int32Array(numClasses);
  const modal = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    votes.fill(0);
    for (const p of preds) {
      const c = p[i];
      if (c < 0 || c >= numClasses) throw badData(`prediction ${c} at sample ${i} is outside 0..${numClasses - 1}.`);
      votes[c]++;
    }
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (votes[c] > votes[best]) best = c;
    modal[i] = best;
  }
  return modal;
}

export interface PieResult {
  /** 1 where the sample is a pruning-identified exemplar. */
  isPie: Uint8Array;
  /** Modal prediction of the pruned population. */
  prunedModal: Int32Array;
  /** Modal prediction of the dense population (the dense model's own when there is one). */
  denseModal: Int32Array;
  count: number;
}

/**
 * PIEs (Hooker et al., "What do compressed deep neural networks forget?"): samples where the
 * modal prediction of the pruned models differs from the dense model's (or dense population's).
 */
export function findPies(densePreds: Int32Array | Int32Array[], prunedPreds: Int32Array[], numClasses: number): PieResult {
  const dense = Array.isArray(densePreds) ? densePreds : [densePreds];
  const denseModal = modalPredictions(dense, numClasses);
  const prunedModal = modalPredictions(prunedPreds, numClasses);
  checkLength('pruned predictions', prunedModal.length, denseModal.length);
  const isPie = new Uint8Array(denseModal.length);
  let count = 0;
  for (let i = 0; i < isPie.length; i++) {
    if (prunedModal[i] !== denseModal[i]) {
      isPie[i] = 1;
      count++;
    }
  }
  return { isPie, prunedModal, denseModal, count };
}
