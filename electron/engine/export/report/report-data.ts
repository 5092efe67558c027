// Everything the comparison report shows, gathered through the PruneLensApi (so the engine, the
// CLI and tests share it): evaluation, similarity, redundancy, per-model geometry and the gallery.
import type { PruneLensApi } from '../../../../src-shared/api/contract';
import { PruneLensError, toErrorPayload } from '../../../../src-shared/base/errors';
import type { EvaluationTable, RedundancyResult, RunStatus, SimilarityResult } from '../../../../src-shared/api/result-types';
import type { BundleSummary } from '../../../../src-shared/api/types';
import { sanityModelsOf, sanityWarnings } from '../../../../src-shared/findings/sanity-warnings';
import type { CleanCellInput, SanityWarning } from '../../../../src-shared/findings/sanity-warnings';
import { fillSweepStats } from '../../../../src-shared/analysis/sweep-groups';
import type { SweepAnalysis } from '../../../../src-shared/analysis/sweep-types';
import { appVersion } from '../../app-version';
import type { HashedFile } from './provenance';
import { GeometryCollector } from './report-geometry';
import type { GallerySample, ModelGeometry } from './report-geometry';

export interface ReportData {
  title: string;
  bundle: BundleSummary;
  appVersion: string;
  /** ISO date-time the report was made. */
  createdAt: string;
  executionProvider: string;
  sampleCount: number;
  files: HashedFile[];
  status: RunStatus;
  evaluation: EvaluationTable;
  similarity: SimilarityResult | null;
  similarityError: string | null;
  redundancy: RedundancyResult | null;
  redundancyError: string | null;
  geometry: ModelGeometry[];
  /** Clean samples pruning-fragile for at least one pruned model / for at least half of them. */
  fragileSamples: { any: number; half: number };
  gallery: { fragile: GallerySample[]; improved: GallerySample[] };
  /** Signs that the results are probably wrong (src-shared/analysis/sanity-warnings.ts): the first thing the report shows. */
  warnings?: SanityWarning[];
  /** Sparsity sweeps (getSweeps, model-card x-axes filled in), or why they are unavailable. */
  sweeps?: SweepAnalysis | null;
  sweepsError?: string | null;
}

/** The sanity checks on the clean cells (the engine memoises them: the collector read them already). */
async function cleanWarnings(api: PruneLensApi, bundlePath: string, bundle: BundleSummary, evaluation: EvaluationTable): Promise<SanityWarning[]> {
  const clean: Record<string, CleanCellInput> = {};
  let count = 0;
  for (const m of evaluation.models) {
    const metrics = await optional(api.getSampleMetrics({ path: bundlePath, modelId: m.id, setId: 'clean' }));
    if (!metrics.value) continue;
    clean[m.id] = { pred: metrics.value.pred, labels: metrics.value.labels, ...(metrics.value.nonFinite ? { nonFinite: metrics.value.nonFinite } : {}) };
    count = metrics.value.count;
  }
  return sanityWarnings(sanityModelsOf(evaluation, bundle, count, clean), bundle.classes, { guessed: bundle.normalisationGuessed });
}

export interface ReportOptions {
  /** Hashes the bundle's files (the engine reads them through the bundle's store). */
  hashFiles?: () => Promise<HashedFile[]>;
  signal?: AbortSignal;
  /** Gallery sizes (defaults 6 and 3). */
  fragileCount?: number;
  improvedCount?: number;
  now?: Date;
}

async function optional<T>(work: Promise<T>): Promise<{ value: T | null; error: string | null }> {
  try {
    return { value: await work, error: null };
  } catch (error) {
    return { value: null, error: toErrorPayload(error).message };
  }
}

export async function collectReportData(api: PruneLensApi, bundlePath: string, options: ReportOptions = {}): Promise<ReportData> {
  const bundle = await api.openBundle({ path: bundlePath });
  const evaluation = await api.getEvaluation({ path: bundlePath });
  const status = await api.getRunStatus({ path: bundlePath });
  const cleanIndex = evaluation.sets.findIndex((s) => s.id === 'clean');
  const computed = evaluation.models.some((_, i) => !Number.isNaN(evaluation.accuracy[i * evaluation.sets.length + cleanIndex]));
  if (!computed) throw new PruneLensError('unavailable', `No results for ${bundle.name} yet: run the analysis before exporting a report.`);

  const sizes = { fragile: options.fragileCount ?? 6, improved: options.improvedCount ?? 3 };
  const collector = new GeometryCollector(api, bundlePath, evaluation, sizes, options.signal);
  await collector.run();
  const gallery = await collector.gallery();
  const similarity = await optional(api.getSimilarity({ path: bundlePath }));
  const redundancy = await optional(api.getRedundancy({ path: bundlePath }));
  const sweeps = await optional(api.getSweeps({ path: bundlePath }));
  const warnings = await cleanWarnings(api, bundlePath, bundle, evaluation);
  const files = options.hashFiles ? await options.hashFiles() : [];
  return {
    title: `${bundle.name} — pruning robustness report`,
    bundle,
    appVersion,
    createdAt: (options.now ?? new Date()).toISOString(),
    executionProvider: evaluation.executionProvider,
    sampleCount: collector.sampleCount,
    files,
    status,
    evaluation,
    similarity: similarity.value,
    similarityError: similarity.error,
    redundancy: redundancy.value,
    redundancyError: redundancy.error,
    geometry: collector.geometry(),
    fragileSamples: { any: collector.fragileAny, half: collector.fragileHalf },
    gallery,
    warnings,
    sweeps: sweeps.value && { ...sweeps.value, sweeps: fillSweepStats(sweeps.value.sweeps, bundle.models) },
    sweepsError: sweeps.error,
  };
}
