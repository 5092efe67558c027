// Warnings that a bundle's results are probably wrong rather than merely bad, from the clean set:
// the dense model near chance or far below a trained classifier, far below the accuracy bundle.json
// declares, predictions collapsed onto one or two classes, or non-finite outputs; and, whatever the
// numbers, an input normalisation that init guessed and nobody confirmed (bundle.json input.guessed). The one place
// these rules live: `analyze` (stderr + summary.json), the report and the UI all show its output.
import type { EvaluationTable } from '../api/result-types';
import type { BundleSummary } from '../api/types';
import { formatPercent as pct } from '../util/format';

export type SanityWarningKind = 'guessed-normalisation' | 'near-chance' | 'low-accuracy' | 'below-expected' | 'collapsed-predictions' | 'non-finite';

export interface SanityWarning {
  kind: SanityWarningKind;
  modelId: string;
  /** One sentence: what was seen, with the numbers. */
  message: string;
  /** The likely causes, most likely first. */
  causes: string[];
}

export interface SanityModel {
  id: string;
  role: 'dense' | 'pruned';
  /** Clean-set accuracy (0..1; NaN when not computed). */
  accuracy: number;
  /** Clean samples evaluated. */
  count: number;
  /** bundle.json `expectedAccuracy` (0..1), if declared. */
  expectedAccuracy?: number;
  /** Clean-set predictions and labels (needed for the collapse check; the dense model's suffice). */
  pred?: ArrayLike<number>;
  labels?: ArrayLike<number>;
  /** Samples whose logits or features were not finite, if counted. */
  nonFinite?: number;
}

/** One-sided significance used for every test: a warning is a < 0.1 % chance of a false alarm per test. */
export const SANITY_ALPHA = 1e-3;
/** Predictions are collapsed when two classes take at least this share of them… */
export const COLLAPSE_SHARE = 0.8;
/** …while the two most common labels are less than this share (the test set is not itself that skewed). */
export const LABEL_SPREAD = 0.5;

const INPUT_CAUSES = [
  'input normalisation (bundle.json input.mean / input.std)',
  'pixel scale (input.scale divides the pixels: 255 for 0–1 inputs)',
  'layout (input.layout NCHW vs NHWC, or RGB vs BGR channel order)',
  'class order (bundle.json classes and the label indices)',
];

/** log Γ(x), Lanczos (g = 7, n = 9), accurate to ~1e-13 for x > 0. */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

const logPmf = (k: number, n: number, p: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);

/** P(X ≥ k) for X ~ Binomial(n, p), summed exactly from the pmf (terms below 1e-18 of the sum stop it). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let term = Math.exp(logPmf(k, n, p));
  let sum = term;
  for (let j = k; j < n && term > sum * 1e-18; j++) {
    term *= ((n - j) / (j + 1)) * (p / (1 - p));
    sum += term;
  }
  return Math.min(1, sum);
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialLowerTail(k: number, n: number, p: number): number {
  return binomialUpperTail(n - k, n, 1 - p);
}


function topShare(values: ArrayLike<number>, classes: number, top: number): { share: number; classes: number[] } {
  const counts = new Float64Array(classes);
  for (let i = 0; i < values.length; i++) if (values[i] >= 0 && values[i] < classes) counts[values[i]]++;
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a]).slice(0, top);
  return { share: values.length ? order.reduce((s, c) => s + counts[c], 0) / values.length : 0, classes: order };
}

function denseWarnings(m: SanityModel, classNames: string[]): SanityWarning[] {
  const C = classNames.length;
  const chance = 1 / C;
  const correct = Math.round(m.accuracy * m.count);
  const out: SanityWarning[] = [];
  if (binomialUpperTail(correct, m.count, chance) > SANITY_ALPHA) {
    out.push({ kind: 'near-chance', modelId: m.id, causes: INPUT_CAUSES, message: `The dense model "${m.id}" scores ${pct(m.accuracy)} on the clean set, not significantly above chance (${pct(chance)} for ${C} classes, binomial test, ${m.count} samples): its inputs or labels are probably not what it was trained on.` });
  } else if (m.accuracy < (1 + chance) / 2 && m.expectedAccuracy === undefined) {
    out.push({ kind: 'low-accuracy', modelId: m.id, causes: INPUT_CAUSES, message: `The dense model "${m.id}" scores ${pct(m.accuracy)} on the clean set, less than halfway from chance (${pct(chance)}) to 100 %: unusual for a trained baseline; check the input settings (or declare expectedAccuracy in bundle.json if this is right).` });
  }
  if (m.pred && m.labels && C >= 3 && m.pred.length > 0) {
    const pred = topShare(m.pred, C, 2);
    const labels = topShare(m.labels, C, 2);
    if (pred.share >= COLLAPSE_SHARE && labels.share < LABEL_SPREAD) {
      const names = pred.classes.map((c) => `"${classNames[c]}"`).join(' and ');
      out.push({ kind: 'collapsed-predictions', modelId: m.id, causes: INPUT_CAUSES, message: `The dense model "${m.id}" predicts ${names} for ${pct(pred.share)} of the clean samples, whose two most common labels are only ${pct(labels.share)} of them: its predictions have collapsed.` });
    }
  }
  return out;
}

/**
 * Every warning for one bundle's clean results, dense model first. Models without a computed clean
 * accuracy are skipped. `input.guessed` (bundle.json's, via BundleSummary.normalisationGuessed)
 * comes first: a guessed normalisation can lower every accuracy without tripping any other check.
 */
export function sanityWarnings(models: SanityModel[], classNames: string[], input: { guessed?: string } = {}): SanityWarning[] {
  const out: SanityWarning[] = [];
  const ordered = [...models].sort((a, b) => (a.role === 'dense' ? 0 : 1) - (b.role === 'dense' ? 0 : 1));
  if (input.guessed) {
    out.push({
      kind: 'guessed-normalisation',
      modelId: ordered[0]?.id ?? '',
      causes: [INPUT_CAUSES[0], INPUT_CAUSES[1]],
      message: `The input normalisation was guessed, not confirmed (bundle.json input.guessed: "${input.guessed}"): if the models were trained with other statistics, every accuracy here is lower than it should be. Set input.scale / mean / std to what the models were trained with and delete input.guessed.`,
    });
  }
  for (const m of ordered) {
    if (m.nonFinite !== undefined && m.nonFinite > 0) {
      out.push({ kind: 'non-finite', modelId: m.id, causes: ['input scale far from the training range', 'a broken export or fp16 overflow'], message: `"${m.id}" gave non-finite (NaN or ±Inf) logits or features for ${m.nonFinite} of ${m.count} clean samples.` });
    }
    if (!Number.isFinite(m.accuracy) || m.count <= 0) continue;
    if (m.role === 'dense') out.push(...denseWarnings(m, classNames));
    const expected = m.expectedAccuracy;
    if (expected !== undefined && expected > 0 && expected < 1) {
      const correct = Math.round(m.accuracy * m.count);
      if (m.accuracy < expected - 0.02 && binomialLowerTail(correct, m.count, expected) < SANITY_ALPHA) {
        out.push({ kind: 'below-expected', modelId: m.id, causes: INPUT_CAUSES, message: `"${m.id}" scores ${pct(m.accuracy)} on the clean set; bundle.json declares ${pct(expected)} (expectedAccuracy), far more than the ${m.count}-sample spread explains.` });
      }
    }
  }
  return out;
}

/** What a surface may have loaded of one model's clean cell (SampleMetrics has all of it). */
export interface CleanCellInput {
  pred?: ArrayLike<number>;
  labels?: ArrayLike<number>;
  nonFinite?: { logits: number; features: number };
}

/**
 * The checks' input from what every surface already has: the evaluation grid, the bundle summary
 * (declared accuracies), the clean sample count and, per model where loaded, its clean cell.
 */
export function sanityModelsOf(evaluation: EvaluationTable, bundle: Pick<BundleSummary, 'models'>, count: number, clean: Record<string, CleanCellInput> = {}): SanityModel[] {
  const cleanIndex = evaluation.sets.findIndex((s) => s.id === 'clean');
  return evaluation.models.map((m, i) => {
    const declared = bundle.models.find((b) => b.id === m.id)?.expectedAccuracy;
    const cell = clean[m.id];
    const k = i * evaluation.sets.length + cleanIndex;
    // Per-cell non-finite counts from the grid (absent in tables of older engines), unless the cell's metrics were loaded.
    const fromGrid = cleanIndex >= 0 && evaluation.nonFiniteLogits?.[k] !== undefined ? { logits: evaluation.nonFiniteLogits[k], features: evaluation.nonFiniteFeatures?.[k] ?? 0 } : undefined;
    const nonFinite = cell?.nonFinite ?? fromGrid;
    return {
      id: m.id,
      role: m.role,
      accuracy: cleanIndex < 0 ? NaN : evaluation.accuracy[i * evaluation.sets.length + cleanIndex],
      count,
      ...(declared !== undefined ? { expectedAccuracy: declared } : {}),
      ...(cell?.pred && cell.labels ? { pred: cell.pred, labels: cell.labels } : {}),
      // samples with non-finite logits or features: at least the larger of the two counts
      ...(nonFinite ? { nonFinite: Math.max(nonFinite.logits, nonFinite.features) } : {}),
    };
  });
}

/** The warning as one line of text: message, then the likely causes. */
export function formatSanityWarning(w: SanityWarning): string {
  return `${w.message} Likely causes: ${w.causes.join('; ')}.`;
}
