// `analyze` output: walks every finished model × set through the engine API, streams the
// samples table, and builds summary.json (aggregates, robustness, categories, PIEs, similarity,
// redundancy). Works with any PruneLensApi, so the CLI and the UI export share it.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PruneLensApi } from '../../../src-shared/api/contract';
import { aggregateGeometry } from '../../../src-shared/analysis/aggregates';
import { corruptionCategories, findPies, pruningCategoryNames } from '../../../src-shared/analysis/categories';
import { computeRobustness } from '../../../src-shared/analysis/robustness';
import { sanityModelsOf, sanityWarnings } from '../../../src-shared/findings/sanity-warnings';
import type { CleanCellInput } from '../../../src-shared/findings/sanity-warnings';
import { toErrorPayload } from '../../../src-shared/base/errors';
import { fillSweepStats } from '../../../src-shared/analysis/sweep-groups';
import { appVersion } from '../app-version';
import { writeFileAtomic } from '../cache/atomic-file';
import { openFileSink } from './byte-sink';
import { SamplesTableWriter } from './samples-table';
import { roundDeep, square } from './json-numbers';

/**
 * Above this many classes, per-class aggregates go into summary.json for the clean set only: at
 * 1,000 classes they are ≈ 1.6 MB per cell, ≈ 1.5 GB for 10 models × 96 sets (past V8's string limit).
 */
export const PER_CLASS_ALL_SETS_MAX_CLASSES = 100;

export interface AnalysisExportOptions {
  parquet?: boolean;
  signal?: AbortSignal;
  onCell?(done: number, total: number): void;
}

function piesOf(dense: Int32Array, pruned: Int32Array[], classes: number): { count: number; indices: number[] } {
  const result = findPies(dense, pruned, classes);
  const indices: number[] = [];
  result.isPie.forEach((v, i) => v && indices.push(i));
  return { count: result.count, indices };
}

export async function exportAnalysis(api: PruneLensApi, bundlePath: string, outDir: string, options: AnalysisExportOptions = {}): Promise<Record<string, unknown>> {
  await mkdir(outDir, { recursive: true });
  const evaluation = await api.getEvaluation({ path: bundlePath });
  const bundle = await api.openBundle({ path: bundlePath });
  const table = new SamplesTableWriter({
    csv: await openFileSink(path.join(outDir, 'samples.csv')),
    parquet: options.parquet === false ? null : await openFileSink(path.join(outDir, 'samples.parquet')),
  });
  const cells: Record<string, unknown>[] = [];
  const pies: Record<string, { count: number; indices: number[] }> = {}; // per set, computed once its models are done
  const cleanCorrect = new Map<string, Uint8Array>();
  const cleanCells: Record<string, CleanCellInput> = {};
  let cleanCount = 0;
  const dense = evaluation.models.find((m) => m.role === 'dense')!;
  const total = evaluation.models.length * evaluation.sets.length;
  let done = 0;
  try {
    for (const set of evaluation.sets) {
      let densePred: Int32Array | null = null;
      const prunedPreds: Int32Array[] = [];
      for (const model of evaluation.models) {
        options.signal?.throwIfAborted();
        const metrics = await api.getSampleMetrics({ path: bundlePath, modelId: model.id, setId: set.id, classAngles: false });
        await table.append(model.id, set, metrics);
        const aggregates = aggregateGeometry(metrics, metrics.labels);
        const categoryCounts = model.role === 'dense' ? null : Object.fromEntries(pruningCategoryNames.map((name, code) => [name, metrics.category.reduce((n, c) => n + (c === code ? 1 : 0), 0)]));
        if (set.id === 'clean') {
          cleanCorrect.set(model.id, metrics.correct);
          cleanCells[model.id] = { pred: metrics.pred, labels: metrics.labels, ...(metrics.nonFinite ? { nonFinite: metrics.nonFinite } : {}) };
          cleanCount = metrics.count;
        }
        const fragility = set.id === 'clean' ? null : corruptionCategories(cleanCorrect.get(model.id)!, metrics.correct).counts;
        cells.push({
          model: model.id, set: set.id, corruption: set.corruption, severity: set.severity,
          ...aggregates.overall,
          nonFinite: metrics.nonFinite,
          perClass: set.id === 'clean' || bundle.classes.length <= PER_CLASS_ALL_SETS_MAX_CLASSES ? aggregates.perClass.map((a, c) => ({ class: c, ...a })) : null,
          pruningCategories: categoryCounts,
          corruptionFragile: fragility ? { robust: fragility[0], 'corruption-fragile': fragility[1], 'corruption-improved': fragility[2], 'both-wrong': fragility[3] } : null,
        });
        if (model.id === dense.id) densePred = metrics.pred;
        else prunedPreds.push(metrics.pred);
        options.onCell?.(++done, total);
      }
      // PIEs of this set now: only one set's predictions are held, whatever the grid.
      if (prunedPreds.length) pies[set.id] = piesOf(densePred!, prunedPreds, bundle.classes.length);
    }
    await table.close();
  } catch (error) {
    await table.abort(); // no half-written tables: the files appear only once complete
    throw error;
  }

  const cleanIndex = evaluation.sets.findIndex((s) => s.id === 'clean');
  const rates = evaluation.models.map((m, i) => ({
    id: m.id,
    clean: 1 - evaluation.accuracy[i * evaluation.sets.length + cleanIndex],
    corrupted: Object.fromEntries(
      [...new Set(evaluation.sets.filter((s) => s.corruption !== 'clean').map((s) => s.corruption))].map((c) => [
        c,
        evaluation.sets.map((s, j) => ({ s, j })).filter(({ s }) => s.corruption === c).map(({ j }) => 1 - evaluation.accuracy[i * evaluation.sets.length + j]),
      ]),
    ),
  }));
  const robustness = computeRobustness(rates, { baseline: dense.id });
  const similarity = await api.getSimilarity({ path: bundlePath });
  const redundancy = await api.getRedundancy({ path: bundlePath }).catch((error: unknown) => ({ unavailable: toErrorPayload(error).message }));
  // Sparsity sweeps: per-level metrics with bootstrap bands and breaking points (x-axes from the model cards).
  const sweeps = await api.getSweeps({ path: bundlePath }).then(
    (a) => ({ ...a, sweeps: fillSweepStats(a.sweeps, bundle.models) }),
    (error: unknown) => ({ unavailable: toErrorPayload(error).message }),
  );
  const m = similarity.models.length;
  // Probably-wrong results (near chance, collapsed, below expectedAccuracy, non-finite): first in the file.
  const warnings = sanityWarnings(sanityModelsOf(evaluation, bundle, cleanCount, cleanCells), bundle.classes, { guessed: bundle.normalisationGuessed });
  const summary = {
    prunelens: { version: appVersion, createdAt: new Date().toISOString() },
    warnings,
    bundle: { name: bundle.name, dir: bundle.dir, classes: bundle.classes, models: evaluation.models, sets: evaluation.sets, executionProvider: evaluation.executionProvider },
    cells,
    robustness,
    similarity: { ...similarity, distance: square(similarity.distance, m), agreement: square(similarity.agreement, m), cka: square(similarity.cka, m), layout: square(similarity.layout, 2) },
    redundancy: 'corruptions' in redundancy
      ? { ...redundancy, correlation: square(redundancy.correlation, redundancy.corruptions.length), sampleCorrelation: square(redundancy.sampleCorrelation, redundancy.corruptions.length) }
      : redundancy,
    sweeps,
    pies,
  };
  await writeFileAtomic(path.join(outDir, 'summary.json'), new TextEncoder().encode(JSON.stringify(roundDeep(summary), null, 1)));
  return summary;
}
