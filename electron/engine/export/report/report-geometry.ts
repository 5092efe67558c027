// One pass over every finished model × set for the report: per-model geometry summaries (clean
// vs the mean over corrupted sets) and the gallery of the most pruning-fragile and most
// pruning-improved samples (chosen on the clean set, shown with their corrupted versions).
import type { PruneLensApi } from '../../../../src-shared/api/contract';
import { PruneLensError } from '../../../../src-shared/base/errors';
import type { EvaluationTable, SampleMetrics } from '../../../../src-shared/api/result-types';
import { aggregateGeometry } from '../../../../src-shared/analysis/aggregates';
import { Category } from '../../../../src-shared/analysis/categories';
import { pngDataUri } from './png-data-uri';

export interface GeometrySummary {
  /** Sets averaged (1 for clean). */
  sets: number;
  angleGtMean: number;
  /** Variance of angle_gt over samples (population, degrees²). */
  angleGtVar: number;
  lengthMean: number;
  logitMarginMean: number;
  geomMarginMean: number;
}

export interface ModelGeometry {
  modelId: string;
  clean: GeometrySummary | null;
  /** Mean over the corrupted sets of each set's summary. */
  corrupted: GeometrySummary | null;
  /** Samples with an all-zero feature vector, over all sets. */
  zeroFeatures: number;
}

export interface GalleryCell {
  pred: number;
  confidence: number;
  correct: boolean;
}

export interface GallerySample {
  index: number;
  label: number;
  kind: 'fragile' | 'improved';
  /** Pruned models for which the sample is in this category on the clean set. */
  models: string[];
  /** The corruption shown: where the most (model, severity) pairs put it in the same category. */
  corruption: string | null;
  /** Set ids of the columns: clean, then the corruption's severities. */
  columns: string[];
  images: { setId: string; caption: string; uri: string }[];
  rows: { modelId: string; cells: (GalleryCell | null)[] }[];
}

// Pruning categories (vs the dense model): right in dense and wrong pruned, and the reverse.
const FRAGILE = Category.Lost;
const IMPROVED = Category.Gained;

function summarize(m: SampleMetrics): GeometrySummary {
  const { metrics } = aggregateGeometry(m, m.labels).overall;
  return {
    sets: 1,
    angleGtMean: metrics.angleGt.mean,
    angleGtVar: metrics.angleGt.std ** 2,
    lengthMean: metrics.length.mean,
    logitMarginMean: metrics.logitMargin.mean,
    geomMarginMean: metrics.geomMargin.mean,
  };
}

const summaryKeys = ['angleGtMean', 'angleGtVar', 'lengthMean', 'logitMarginMean', 'geomMarginMean'] as const;

export class GeometryCollector {
  sampleCount = 0;
  /** Clean samples pruning-fragile for at least one pruned model, and for at least half of them. */
  fragileAny = 0;
  fragileHalf = 0;
  private readonly clean = new Map<string, GeometrySummary>();
  private readonly sums = new Map<string, GeometrySummary>();
  private readonly zeros = new Map<string, number>();
  private chosen: { index: number; kind: 'fragile' | 'improved'; models: string[] }[] = [];
  /** setId → modelId → cells of the chosen samples (in `chosen` order). */
  private readonly cells = new Map<string, Map<string, GalleryCell[]>>();
  /** Per chosen sample: corruption → (model, severity) pairs in the sample's category. */
  private readonly corruptionHits: Map<string, number>[] = [];

  constructor(
    private readonly api: PruneLensApi,
    private readonly bundlePath: string,
    private readonly evaluation: EvaluationTable,
    private readonly sizes: { fragile: number; improved: number },
    private readonly signal?: AbortSignal,
  ) {}

  private async metrics(modelId: string, setId: string): Promise<SampleMetrics | null> {
    this.signal?.throwIfAborted();
    try {
      return await this.api.getSampleMetrics({ path: this.bundlePath, modelId, setId });
    } catch (error) {
      if (error instanceof PruneLensError && error.code === 'unavailable') return null; // not computed (yet)
      throw error;
    }
  }

  async run(): Promise<void> {
    const { models, sets } = this.evaluation;
    const clean = sets.find((s) => s.id === 'clean');
    if (clean) await this.visitClean(models.map((m) => m.id));
    for (const set of sets) {
      if (set.id === 'clean') continue;
      for (const model of models) {
        const m = await this.metrics(model.id, set.id);
        if (!m) continue;
        this.add(model.id, summarize(m), m.zeroFeatureCount);
        this.record(set.id, model.id, m);
        this.chosen.forEach((c, k) => {
          if (m.category[c.index] === (c.kind === 'fragile' ? FRAGILE : IMPROVED)) {
            this.corruptionHits[k].set(set.corruption, (this.corruptionHits[k].get(set.corruption) ?? 0) + 1);
          }
        });
      }
    }
  }

  private async visitClean(modelIds: string[]): Promise<void> {
    let fragile: Uint16Array | null = null;
    let improved: Uint16Array | null = null;
    const fragileModels: string[][] = [];
    const improvedModels: string[][] = [];
    let denseConfidence: Float32Array | null = null;
    const all = new Map<string, SampleMetrics>();
    for (const id of modelIds) {
      const m = await this.metrics(id, 'clean');
      if (!m) continue;
      all.set(id, m);
      this.sampleCount = m.count;
      this.clean.set(id, summarize(m));
      this.zeros.set(id, m.zeroFeatureCount);
      fragile ??= new Uint16Array(m.count);
      improved ??= new Uint16Array(m.count);
      if (this.evaluation.models.find((x) => x.id === id)?.role === 'dense') denseConfidence = m.confidence;
      for (let i = 0; i < m.count; i++) {
        if (m.category[i] === FRAGILE) {
          (fragileModels[i] ??= []).push(id);
          fragile[i]++;
        } else if (m.category[i] === IMPROVED) {
          (improvedModels[i] ??= []).push(id);
          improved[i]++;
        }
      }
    }
    if (!fragile || !improved) return;
    const pruned = this.evaluation.models.filter((m) => m.role !== 'dense').length;
    for (const n of fragile) {
      if (n > 0) this.fragileAny++;
      if (n > 0 && n >= pruned / 2) this.fragileHalf++;
    }
    const pick = (counts: Uint16Array, n: number, tieBreak: (a: number, b: number) => number) =>
      Array.from(counts.keys()).filter((i) => counts[i] > 0).sort((a, b) => counts[b] - counts[a] || tieBreak(a, b)).slice(0, n);
    // Fragile: among equals, the samples the dense model was surest of come first (the most striking losses).
    const byDense = (a: number, b: number) => (denseConfidence ? denseConfidence[b] - denseConfidence[a] : 0) || a - b;
    this.chosen = [
      ...pick(fragile, this.sizes.fragile, byDense).map((index) => ({ index, kind: 'fragile' as const, models: fragileModels[index] })),
      ...pick(improved, this.sizes.improved, (a, b) => a - b).map((index) => ({ index, kind: 'improved' as const, models: improvedModels[index] })),
    ];
    this.chosen.forEach(() => this.corruptionHits.push(new Map()));
    for (const [id, m] of all) this.record('clean', id, m);
  }

  private record(setId: string, modelId: string, m: SampleMetrics): void {
    let perModel = this.cells.get(setId);
    if (!perModel) this.cells.set(setId, (perModel = new Map()));
    perModel.set(modelId, this.chosen.map(({ index }) => ({ pred: m.pred[index], confidence: m.predConfidence[index], correct: m.correct[index] === 1 })));
  }

  private add(modelId: string, s: GeometrySummary, zeros: number): void {
    this.zeros.set(modelId, (this.zeros.get(modelId) ?? 0) + zeros);
    const sum = this.sums.get(modelId);
    if (!sum) return void this.sums.set(modelId, { ...s });
    sum.sets += 1;
    for (const k of summaryKeys) sum[k] += s[k];
  }

  geometry(): ModelGeometry[] {
    return this.evaluation.models.map(({ id }) => {
      const sum = this.sums.get(id);
      const corrupted = sum ? { ...sum, ...Object.fromEntries(summaryKeys.map((k) => [k, sum[k] / sum.sets])) } : null;
      return { modelId: id, clean: this.clean.get(id) ?? null, corrupted, zeroFeatures: this.zeros.get(id) ?? 0 };
    });
  }

  async gallery(): Promise<{ fragile: GallerySample[]; improved: GallerySample[] }> {
    const out: GallerySample[] = [];
    const inert = new Set(inertCorruptions(this.evaluation));
    for (const [k, c] of this.chosen.entries()) {
      this.signal?.throwIfAborted();
      const hits = [...this.corruptionHits[k]].filter(([name]) => !inert.has(name)).sort((a, b) => b[1] - a[1]);
      const corruption = hits[0]?.[0] ?? null;
      const corruptedSets = corruption ? this.evaluation.sets.filter((s) => s.corruption === corruption) : [];
      const images = await this.api.getSampleImages({ path: this.bundlePath, index: c.index, corruption: corruption ?? undefined, severities: corruptedSets.map((s) => s.severity) });
      const frames = [{ setId: 'clean', caption: 'clean', data: images.clean }, ...images.corrupted.map((x) => ({ setId: x.setId, caption: `severity ${x.severity}`, data: x.data }))];
      const columns = frames.map((f) => f.setId);
      out.push({
        index: c.index,
        label: images.label,
        kind: c.kind,
        models: c.models,
        corruption,
        columns,
        images: frames.map((f) => ({ setId: f.setId, caption: f.caption, uri: pngDataUri({ data: f.data, width: images.width, height: images.height, channels: images.channels }) })),
        rows: this.evaluation.models.map(({ id }) => ({ modelId: id, cells: columns.map((setId) => this.cells.get(setId)?.get(id)?.[k] ?? null) })),
      });
    }
    return { fragile: out.filter((s) => s.kind === 'fragile'), improved: out.filter((s) => s.kind === 'improved') };
  }
}

/**
 * Corruptions that changed no model's accuracy at any severity (e.g. saturate at severities 1–3
 * on grayscale images, where it is the identity): the gallery skips them, the report names them.
 */
export function inertCorruptions(table: EvaluationTable): string[] {
  const clean = table.sets.findIndex((s) => s.id === 'clean');
  if (clean < 0) return [];
  const names = [...new Set(table.sets.filter((s) => s.corruption !== 'clean').map((s) => s.corruption))];
  return names.filter((c) => table.models.every((_, i) => table.sets.every((s, j) => {
    if (s.corruption !== c) return true;
    const a = table.accuracy[i * table.sets.length + j];
    const b = table.accuracy[i * table.sets.length + clean];
    return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) < 1e-9;
  })));
}
