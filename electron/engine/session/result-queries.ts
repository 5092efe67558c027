// What the UI asks of an open bundle's results: the evaluation grid, per-sample metrics, model
// similarity and benchmark redundancy, computed from the finished cells with src-shared/analysis.
import type { EvaluationTable, RedundancyResult, SampleMetrics, SetRef, SimilarityResult } from '../../../src-shared/api/result-types';
import { PruneLensError } from '../../../src-shared/base/errors';
import { NO_CATEGORY, pruningCategories } from '../../../src-shared/analysis/categories';
import { ckaMatrix } from '../../../src-shared/analysis/cka';
import { ckaSampleRows } from '../../../src-shared/analysis/cka-sample';
import { gatherRows } from '../../../src-shared/projection/distance';
import type { SampleGeometry } from '../../../src-shared/analysis/types';
import { geometricSimilarity, predictionAgreement } from '../../../src-shared/analysis/model-similarity';
import { accuracyDropVectors, benchmarkRedundancy, correctnessVectors } from '../../../src-shared/analysis/redundancy';
import { computeRobustness } from '../../../src-shared/analysis/robustness';
import type { ModelErrorRates } from '../../../src-shared/analysis/robustness';
import type { ExtractionPlan } from '../extraction/extract-run';
import type { PreparedModel } from '../extraction/prepared-model';
import { cleanSet, parseSetId } from '../extraction/sets';
import type { BundleSession } from './bundle-session';
import { classAngles } from './cell-data';
import type { CellStore } from './cell-data';

const cellKey = (modelId: string, setId: string) => `${modelId}\u0000${setId}`;

/** Error rates per model over the corruptions whose every severity is finished for every model. */
function errorRates(session: BundleSession, models: string[], sets: SetRef[]): { rates: ModelErrorRates[]; corruptions: string[] } {
  const corrupted = sets.filter((s) => s.corruption !== 'clean');
  const names = [...new Set(corrupted.map((s) => s.corruption))];
  const complete = names.filter((c) => corrupted.filter((s) => s.corruption === c).every((s) => models.every((m) => session.cells.has(cellKey(m, s.id)))));
  const haveClean = models.every((m) => session.cells.has(cellKey(m, 'clean')));
  if (!haveClean) return { rates: [], corruptions: [] };
  const rates = models.map((m) => ({
    id: m,
    clean: 1 - session.cells.get(cellKey(m, 'clean'))!.accuracy,
    corrupted: Object.fromEntries(complete.map((c) => [c, corrupted.filter((s) => s.corruption === c).map((s) => 1 - session.cells.get(cellKey(m, s.id))!.accuracy)])),
  }));
  return { rates, corruptions: complete };
}

export function evaluationTable(session: BundleSession): EvaluationTable {
  const models = session.plannedModels();
  const sets = session.sets.length > 0 ? session.sets : [cleanSet];
  const accuracy = new Float32Array(models.length * sets.length).fill(NaN);
  const nonFiniteLogits = new Int32Array(models.length * sets.length);
  const nonFiniteFeatures = new Int32Array(models.length * sets.length);
  models.forEach((m, i) => sets.forEach((s, j) => {
    const cell = session.cells.get(cellKey(m.id, s.id));
    if (!cell) return;
    accuracy[i * sets.length + j] = cell.accuracy;
    nonFiniteLogits[i * sets.length + j] = cell.nonFinite?.logits ?? 0;
    nonFiniteFeatures[i * sets.length + j] = cell.nonFinite?.features ?? 0;
  }));
  const dense = models.find((m) => m.role === 'dense')!.id;
  const { rates } = errorRates(session, models.map((m) => m.id), sets);
  const robustness = rates.length > 0 ? computeRobustness(rates, { baseline: dense }) : null;
  const ceCorruptions = robustness ? [...new Set(robustness.models.flatMap((m) => m.benchmark.corruptions))] : [];
  const pick = (f: (r: NonNullable<typeof robustness>['models'][number]) => number) =>
    Float32Array.from(models, (m) => {
      const r = robustness?.models.find((x) => x.id === m.id);
      return r ? f(r) : NaN;
    });
  const ce = new Float32Array(models.length * ceCorruptions.length).fill(NaN);
  robustness?.models.forEach((r) => {
    const i = models.findIndex((m) => m.id === r.id);
    ceCorruptions.forEach((c, j) => (ce[i * ceCorruptions.length + j] = r.ce[c] ?? NaN));
  });
  return {
    bundleDir: session.dir,
    models: models.map((m) => ({ id: m.id, role: m.role, method: m.method, sparsity: m.sparsity ?? null })),
    sets,
    accuracy,
    nonFiniteLogits,
    nonFiniteFeatures,
    robustAccuracy: pick((r) => (r.benchmark.corruptions.length ? r.benchmark.robustAccuracy : NaN)),
    mCE: pick((r) => (r.benchmark.corruptions.length ? r.benchmark.mce : NaN)),
    relativeMCE: pick((r) => (r.benchmark.corruptions.length ? r.benchmark.relativeMce : NaN)),
    ce,
    ceCorruptions,
    extraAccuracy: pick((r) => (r.extra.corruptions.length ? r.extra.robustAccuracy : NaN)),
    executionProvider: session.executionProvider,
  };
}

async function modelAndPlan(session: BundleSession, modelId: string): Promise<{ plan: ExtractionPlan; model: PreparedModel; dense: PreparedModel }> {
  const plan = await session.currentPlan();
  const model = plan.models.find((m) => m.id === modelId);
  if (!model) throw new PruneLensError('bad-request', `Unknown model '${modelId}'.`);
  return { plan, model, dense: plan.models.find((m) => m.role === 'dense')! };
}

/** `withClassAngles` false: classAngles is left empty (N × C × d work that the exported tables never use). */
export async function sampleMetrics(session: BundleSession, cells: CellStore, modelId: string, setId: string, withClassAngles = true): Promise<SampleMetrics> {
  const { plan, model, dense } = await modelAndPlan(session, modelId);
  const set = parseSetId(setId);
  const cell = await cells.get(plan, model, set);
  const g = cell.geometry;
  const category = model.role === 'dense' ? new Uint8Array(plan.count).fill(NO_CATEGORY) : pruningCategories((await cells.get(plan, dense, set)).geometry.correct, g.correct).codes;
  return {
    modelId, setId, count: plan.count, classes: model.head.classes,
    labels: plan.source.labels.slice(0, plan.count),
    pred: g.pred, correct: g.correct, length: g.length, angleGt: g.angleGt, anglePred: g.anglePred, angleRival: g.angleRival,
    logitMargin: g.logitMargin, geomMargin: g.geomMargin, confidence: g.confidence, predConfidence: g.predConfidence, entropy: g.entropy,
    classAngles: withClassAngles ? classAngles(cell.features, model.head.weights, plan.count, model.head.classes, model.head.featureDim) : new Float32Array(0),
    category,
    zeroFeatureCount: g.zeroFeatureCount,
    nonFinite: g.nonFinite,
  };
}

export async function similarity(session: BundleSession, cells: CellStore): Promise<SimilarityResult> {
  const plan = await session.currentPlan();
  // One cell at a time, keeping its geometry and (above CKA_MAX_SAMPLES) only the sampled feature rows.
  const rows = ckaSampleRows(plan.count);
  const geometries: SampleGeometry[] = [];
  const features: { data: Float32Array; dim: number }[] = [];
  for (const model of plan.models) {
    const cell = await cells.get(plan, model, cleanSet);
    const dim = model.head.featureDim;
    geometries.push(cell.geometry);
    features.push({ data: rows ? gatherRows(cell.features, dim, rows) : cell.features, dim });
  }
  const geo = geometricSimilarity(geometries);
  const cka = ckaMatrix(features, rows ? rows.length : plan.count);
  return {
    models: plan.models.map((m) => m.id),
    distance: Float32Array.from(geo.distances),
    layout: Float32Array.from(geo.layout.coords),
    mst: geo.mst.map((e) => ({ a: e.a, b: e.b, distance: e.weight })),
    agreement: Float32Array.from(predictionAgreement(geometries.map((g) => g.pred))),
    cka: Float32Array.from(cka),
    ckaSamples: rows ? rows.length : plan.count,
    samples: plan.count,
  };
}

export async function redundancy(session: BundleSession, cells: CellStore): Promise<RedundancyResult> {
  const plan = await session.currentPlan();
  const ids = plan.models.map((m) => m.id);
  const { rates, corruptions } = errorRates(session, ids, plan.sets);
  if (corruptions.length < 2) throw new PruneLensError('unavailable', 'Benchmark redundancy needs at least two corruptions with every severity finished for every model.');
  const drops = benchmarkRedundancy(corruptions, accuracyDropVectors(rates, corruptions));
  const correct: Record<string, Uint8Array[][]> = {};
  for (const c of corruptions) {
    const sets = plan.sets.filter((s) => s.corruption === c);
    // One cell at a time: each read holds a whole cell (features too) until its geometry is kept.
    correct[c] = [];
    for (const m of plan.models) {
      const row: Uint8Array[] = [];
      for (const s of sets) row.push((await cells.get(plan, m, s)).geometry.correct);
      correct[c].push(row);
    }
  }
  const samples = benchmarkRedundancy(corruptions, correctnessVectors(correct, corruptions));
  return {
    corruptions,
    correlation: Float32Array.from(drops.correlation),
    sampleCorrelation: Float32Array.from(samples.correlation),
    order: drops.dendrogram.leafOrder,
    merges: drops.dendrogram.merges.map((m) => ({ a: m.a, b: m.b, height: m.height })),
    nearDuplicates: drops.nearDuplicates,
  };
}
