// `analyze` output: walks every finished model × set through the engine API, streams the
// samples table, and builds summary.json (aggregates, robustness, categories, PIEs, similarity,
// redundancy). Works with any PruneLensApi, so the CLI and the UI export share it.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PruneLensApi } from '../../../src-shared/api/contract';
import type { SampleMetrics } from '../../../src-shared/api/result-types';
import { aggregateGeometry } from '../../../src-shared/analysis/aggregates';
import { corruptionCategories, findPies, pruningCategoryNames } from '../../../src-shared/analysis/categories';
import { computeRobustness } from '../../../src-shared/analysis/robustness';
import { toErrorPayload } from '../../../src-shared/api/errors';
import { appVersion } from '../app-version';
import { writeFileAtomic } from '../cache/atomic-file';
import { SamplesTableWriter } from './samples-table';
import { roundDeep, square } from './json-numbers';

export interface AnalysisExportOptions {
  parquet?: boolean;
  signal?: AbortSignal;
  onCell?(done: number, total: number): void;
}

function toGeometry(m: SampleMetrics) {
  return { ...m, numClasses: m.classes };
}

export async function exportAnalysis(api: PruneLensApi, bundlePath: string, outDir: string, options: AnalysisExportOptions = {}): Promise<Record<string, unknown>> {
  await mkdir(outDir, { recursive: true });
  const evaluation = await api.getEvaluation({ path: bundlePath });
  const bundle = await api.openBundle({ path: bundlePath });
  const table = new SamplesTableWriter(path.join(outDir, 'samples.csv'), options.parquet === false ? null : path.join(outDir, 'samples.parquet'));
  const cells: Record<string, unknown>[] = [];
  const preds = new Map<string, Int32Array[]>(); // set → pruned models' predictions (for PIEs)
  const densePred = new Map<string, Int32Array>();
  const cleanCorrect = new Map<string, Uint8Array>();
  const dense = evaluation.models.find((m) => m.role === 'dense')!;
  const total = evaluation.models.length * evaluation.sets.length;
  let done = 0;
  try {
    for (const set of evaluation.sets) {
      for (const model of evaluation.models) {
        options.signal?.throwIfAborted();
        const metrics = await api.getSampleMetrics({ path: bundlePath, modelId: model.id, setId: set.id });
        await table.append(model.id, set, metrics);
        const aggregates = aggregateGeometry(toGeometry(metrics), metrics.labels);
        const categoryCounts = model.role === 'dense' ? null : Object.fromEntries(pruningCategoryNames.map((name, code) => [name, metrics.category.reduce((n, c) => n + (c === code ? 1 : 0), 0)]));
        if (set.id === 'clean') cleanCorrect.set(model.id, metrics.correct);
        const fragility = set.id === 'clean' ? null : corruptionCategories(cleanCorrect.get(model.id)!, metrics.correct).counts;
        cells.push({
          model: model.id, set: set.id, corruption: set.corruption, severity: set.severity,
          ...aggregates.overall,
          perClass: aggregates.perClass.map((a, c) => ({ class: c, ...a })),
          pruningCategories: categoryCounts,
          corruptionFragile: fragility ? { robust: fragility[0], 'corruption-fragile': fragility[1], 'corruption-improved': fragility[2], 'both-wrong': fragility[3] } : null,
        });
        if (model.id === dense.id) densePred.set(set.id, metrics.pred);
        else preds.set(set.id, [...(preds.get(set.id) ?? []), metrics.pred]);
        options.onCell?.(++done, total);
      }
    }
  } finally {
    await table.close();
  }

  const pies = Object.fromEntries(
    [...preds].map(([setId, pruned]) => {
      const result = findPies(densePred.get(setId)!, pruned, bundle.classes.length);
      const indices: number[] = [];
      result.isPie.forEach((v, i) => v && indices.push(i));
      return [setId, { count: result.count, indices }];
    }),
  );
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
  const m = similarity.models.length;
  const summary = {
    prunelens: { version: appVersion, createdAt: new Date().toISOString() },
    bundle: { name: bundle.name, dir: bundle.dir, classes: bundle.classes, models: evaluation.models, sets: evaluation.sets, executionProvider: evaluation.executionProvider },
    cells,
    robustness,
    similarity: { ...similarity, distance: square(similarity.distance, m), agreement: square(similarity.agreement, m), cka: square(similarity.cka, m), layout: square(similarity.layout, 2) },
    redundancy: 'corruptions' in redundancy
      ? { ...redundancy, correlation: square(redundancy.correlation, redundancy.corruptions.length), sampleCorrelation: square(redundancy.sampleCorrelation, redundancy.corruptions.length) }
      : redundancy,
    pies,
  };
  await writeFileAtomic(path.join(outDir, 'summary.json'), new TextEncoder().encode(JSON.stringify(roundDeep(summary), null, 1)));
  return summary;
}
