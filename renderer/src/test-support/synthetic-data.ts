// Seeded synthetic results shaped like the engine's, for view-model tests (and nothing else):
// correctness falls with severity and sparsity, geometry follows correctness.
import type { EvaluationTable, SampleMetrics, SetRef } from '../../../src-shared/api/result-types';
import { createRng, deriveSeed } from '../../../src-shared/base/rng';
import { NO_CATEGORY } from '../../../src-shared/analysis/categories';

export interface SyntheticModel {
  id: string;
  role: 'dense' | 'pruned';
  method: string;
  sparsity: number | null;
}

export const syntheticModels: SyntheticModel[] = [
  { id: 'dense', role: 'dense', method: 'Dense', sparsity: 0 },
  { id: 'mag-50', role: 'pruned', method: 'Magnitude', sparsity: 0.5 },
  { id: 'mag-90', role: 'pruned', method: 'Magnitude', sparsity: 0.9 },
  { id: 'lth-90', role: 'pruned', method: 'Lottery ticket', sparsity: 0.9 },
];

export function syntheticSets(corruptions: string[], severities = [1, 2, 3, 4, 5]): SetRef[] {
  const sets: SetRef[] = [{ id: 'clean', corruption: 'clean', severity: 0, group: 'clean' }];
  for (const c of corruptions) for (const s of severities) sets.push({ id: `${c}-s${s}`, corruption: c, severity: s, group: c === 'saturate' || c === 'spatter' ? 'extra' : 'benchmark' });
  return sets;
}

function correctness(model: SyntheticModel, severity: number, n: number, seed: number): Uint8Array {
  const rng = createRng(deriveSeed(seed, 'correct', model.id, severity));
  const p = 0.92 - 0.08 * severity - 0.2 * (model.sparsity ?? 0) ** 3;
  // A per-sample difficulty shared by all models keeps them correlated, as real models are.
  const difficulty = createRng(deriveSeed(seed, 'difficulty', severity));
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = 0.6 * difficulty.next() + 0.4 * rng.next() < p ? 1 : 0;
  return out;
}

export function syntheticMetrics(model: SyntheticModel, set: SetRef, n: number, classes = 10, seed = 7): SampleMetrics {
  const rng = createRng(deriveSeed(seed, 'metrics', model.id, set.id));
  const labelRng = createRng(deriveSeed(seed, 'labels'));
  const correct = correctness(model, set.severity, n, seed);
  const dense = correctness(syntheticModels[0], set.severity, n, seed);
  const labels = new Int32Array(n).map(() => labelRng.int(classes));
  const m = {
    pred: new Int32Array(n), length: new Float32Array(n), angleGt: new Float32Array(n), anglePred: new Float32Array(n), angleRival: new Float32Array(n),
    logitMargin: new Float32Array(n), geomMargin: new Float32Array(n), confidence: new Float32Array(n), predConfidence: new Float32Array(n), entropy: new Float32Array(n),
    classAngles: new Float32Array(n * classes), category: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const ok = correct[i] === 1;
    m.pred[i] = ok ? labels[i] : (labels[i] + 1 + rng.int(classes - 1)) % classes;
    m.angleGt[i] = (ok ? 45 : 75) + 8 * rng.normal() + 3 * set.severity;
    m.length[i] = Math.max(0.1, 6 - 2 * (model.sparsity ?? 0) - 0.4 * set.severity + rng.normal());
    m.logitMargin[i] = (ok ? 1 : -1) * (0.5 + Math.abs(3 * rng.normal()));
    m.geomMargin[i] = m.logitMargin[i] / 4;
    m.confidence[i] = ok ? 0.55 + 0.44 * rng.next() : 0.3 * rng.next();
    m.predConfidence[i] = ok ? m.confidence[i] : 0.4 + 0.5 * rng.next();
    m.entropy[i] = 2.3 * (1 - m.predConfidence[i]);
    m.angleRival[i] = m.angleGt[i] + m.logitMargin[i] * 3;
    m.anglePred[i] = ok ? m.angleGt[i] : m.angleRival[i];
    for (let c = 0; c < classes; c++) m.classAngles[i * classes + c] = c === labels[i] ? m.angleGt[i] : 85 + 10 * rng.normal();
    m.category[i] = model.role === 'dense' ? NO_CATEGORY : (dense[i] ? 0 : 2) + (correct[i] ? 0 : 1);
  }
  return { modelId: model.id, setId: set.id, count: n, classes, labels, correct, ...m, zeroFeatureCount: 0, nonFinite: { logits: 0, features: 0 } };
}

/** The evaluation grid of the synthetic models; cells listed in `missing` are NaN (not computed yet). */
export function syntheticEvaluation(models: SyntheticModel[], sets: SetRef[], n = 200, missing: string[] = []): EvaluationTable {
  const accuracy = new Float32Array(models.length * sets.length);
  models.forEach((model, i) =>
    sets.forEach((set, j) => {
      const correct = correctness(model, set.severity, n, 7);
      accuracy[i * sets.length + j] = missing.includes(`${model.id}|${set.id}`) ? NaN : correct.reduce((a, b) => a + b, 0) / n;
    }),
  );
  const corruptions = [...new Set(sets.filter((s) => s.group === 'benchmark').map((s) => s.corruption))];
  const ce = new Float32Array(models.length * corruptions.length);
  models.forEach((_, i) =>
    corruptions.forEach((c, k) => {
      let err = 0;
      let base = 0;
      sets.forEach((s, j) => {
        if (s.corruption !== c) return;
        err += 1 - accuracy[i * sets.length + j];
        base += 1 - accuracy[j];
      });
      ce[i * corruptions.length + k] = err / base;
    }),
  );
  const perModel = (f: (i: number) => number) => new Float32Array(models.map((_, i) => f(i)));
  const mean = (i: number, group: string) => {
    const v = sets.map((s, j) => (s.group === group ? accuracy[i * sets.length + j] : NaN)).filter((x) => !Number.isNaN(x));
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
  };
  const mce = (i: number) => {
    let sum = 0;
    for (let k = 0; k < corruptions.length; k++) sum += ce[i * corruptions.length + k];
    return sum / corruptions.length;
  };
  return {
    bundleDir: '/synthetic',
    models: models.map(({ id, role, method, sparsity }) => ({ id, role, method, sparsity })),
    sets,
    accuracy,
    nonFiniteLogits: new Int32Array(accuracy.length),
    nonFiniteFeatures: new Int32Array(accuracy.length),
    robustAccuracy: perModel((i) => mean(i, 'benchmark')),
    mCE: perModel(mce),
    relativeMCE: perModel(mce),
    ce,
    ceCorruptions: corruptions,
    extraAccuracy: perModel((i) => mean(i, 'extra')),
    executionProvider: 'cpu',
  };
}
