// Corruption robustness scores (Hendrycks & Dietterich 2019; RobustBench's robust accuracy).
//   robust accuracy = mean accuracy over corruptions × severities
//   CE_c(m)          = Σ_s E_{s,c}(m) / Σ_s E_{s,c}(base)                         mCE = mean_c CE_c
//   relative CE_c(m) = Σ_s (E_{s,c}(m) − E_clean(m)) / Σ_s (E_{s,c}(base) − E_clean(base))
// The 15 benchmark corruptions and the 4 extra ones are scored separately. A zero denominator
// gives NaN plus a flag; the mean then runs over the defined CEs and says how many it used.
import { PruneLensError } from '../base/errors';
import { benchmarkCorruptions, extraCorruptions } from '../bundle/manifest';
import { badData } from './validate';

export interface ModelErrorRates {
  id: string;
  /** The bundle role; the first 'dense' model is the default baseline. */
  role?: 'dense' | 'pruned';
  /** Clean-set error in [0, 1]. */
  clean: number;
  /** Corruption → error per severity (the same severities in the same order for every model). */
  corrupted: Record<string, ArrayLike<number>>;
}

export interface RobustnessOptions {
  /** Baseline model id; by default the first model whose role is 'dense'. */
  baseline?: string;
  benchmark?: readonly string[];
  extra?: readonly string[];
}

export interface CorruptionGroupScores {
  /** Corruptions of this group present for every model, in list order. */
  corruptions: string[];
  /** Corruptions of this group absent for at least one model. */
  missing: string[];
  /** Mean accuracy over corruptions × severities. */
  robustAccuracy: number;
  mce: number;
  /** CEs that entered the mean (the rest were NaN). */
  mceCount: number;
  relativeMce: number;
  relativeMceCount: number;
}

export interface ModelRobustness {
  id: string;
  cleanError: number;
  cleanAccuracy: number;
  ce: Record<string, number>;
  relativeCe: Record<string, number>;
  benchmark: CorruptionGroupScores;
  extra: CorruptionGroupScores;
}

export interface RobustnessFlag {
  corruption: string;
  score: 'ce' | 'relative-ce';
  reason: string;
}

export interface RobustnessResult {
  baseline: string;
  models: ModelRobustness[];
  /** Scores left undefined (NaN) and why; they depend on the baseline only. */
  flags: RobustnessFlag[];
}

function checkRate(value: number, where: string): void {
  if (!(value >= 0 && value <= 1)) throw badData(`${where}: error rate ${value} is not in [0, 1].`);
}

/** Corruptions of `names` that every model has, with their (common) severity count. */
function available(models: ModelErrorRates[], names: readonly string[]): { present: string[]; missing: string[] } {
  const present: string[] = [];
  const missing: string[] = [];
  for (const c of names) {
    if (!models.every((m) => m.corrupted[c] !== undefined)) {
      missing.push(c);
      continue;
    }
    const severities = models[0].corrupted[c].length;
    for (const m of models) {
      const rates = m.corrupted[c];
      if (rates.length !== severities || severities === 0) {
        throw badData(`model ${m.id}, ${c}: ${rates.length} severities where ${models[0].id} has ${severities}.`, { model: m.id, corruption: c });
      }
      for (let s = 0; s < rates.length; s++) checkRate(rates[s], `model ${m.id}, ${c}, severity index ${s}`);
    }
    present.push(c);
  }
  return { present, missing };
}

/** Error rates are counts / N: anything this small is a zero blurred by rounding. */
function isZero(value: number): boolean {
  return Math.abs(value) < 1e-12;
}

function sum(values: ArrayLike<number>, offset = 0): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] - offset;
  return total;
}

function meanDefined(values: number[]): { mean: number; count: number } {
  const defined = values.filter((v) => !Number.isNaN(v));
  return { mean: defined.length > 0 ? defined.reduce((a, b) => a + b, 0) / defined.length : NaN, count: defined.length };
}

export function computeRobustness(models: ModelErrorRates[], options: RobustnessOptions = {}): RobustnessResult {
  const base = options.baseline === undefined ? models.find((m) => m.role === 'dense') : models.find((m) => m.id === options.baseline);
  if (!base) {
    const wanted = options.baseline === undefined ? 'a model with role "dense" (the default baseline)' : `baseline model "${options.baseline}"`;
    throw new PruneLensError('bad-request', `No ${wanted} among the models (${models.map((m) => m.id).join(', ')}).`);
  }
  for (const m of models) checkRate(m.clean, `model ${m.id}, clean`);
  const groups = {
    benchmark: available(models, options.benchmark ?? benchmarkCorruptions),
    extra: available(models, options.extra ?? extraCorruptions),
  };
  const used = [...groups.benchmark.present, ...groups.extra.present];

  const flags: RobustnessFlag[] = [];
  const ceDenominator: Record<string, number> = {};
  const relDenominator: Record<string, number> = {};
  for (const c of used) {
    ceDenominator[c] = sum(base.corrupted[c]);
    relDenominator[c] = sum(base.corrupted[c], base.clean);
    if (isZero(ceDenominator[c])) flags.push({ corruption: c, score: 'ce', reason: `baseline ${base.id} has zero error on ${c} at every severity` });
    if (isZero(relDenominator[c])) flags.push({ corruption: c, score: 'relative-ce', reason: `baseline ${base.id}'s ${c} errors sum to exactly its clean error (zero relative error)` });
  }

  const result = models.map((m): ModelRobustness => {
    const ce: Record<string, number> = {};
    const relativeCe: Record<string, number> = {};
    for (const c of used) {
      ce[c] = isZero(ceDenominator[c]) ? NaN : sum(m.corrupted[c]) / ceDenominator[c];
      relativeCe[c] = isZero(relDenominator[c]) ? NaN : sum(m.corrupted[c], m.clean) / relDenominator[c];
    }
    const score = ({ present, missing }: { present: string[]; missing: string[] }): CorruptionGroupScores => {
      let accuracy = 0;
      let cells = 0;
      for (const c of present) {
        accuracy += m.corrupted[c].length - sum(m.corrupted[c]);
        cells += m.corrupted[c].length;
      }
      const mce = meanDefined(present.map((c) => ce[c]));
      const rel = meanDefined(present.map((c) => relativeCe[c]));
      return {
        corruptions: present,
        missing,
        robustAccuracy: cells > 0 ? accuracy / cells : NaN,
        mce: mce.mean,
        mceCount: mce.count,
        relativeMce: rel.mean,
        relativeMceCount: rel.count,
      };
    };
    return { id: m.id, cleanError: m.clean, cleanAccuracy: 1 - m.clean, ce, relativeCe, benchmark: score(groups.benchmark), extra: score(groups.extra) };
  });
  return { baseline: base.id, models: result, flags };
}
