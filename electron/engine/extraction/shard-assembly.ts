// Collects batch results into shards, writes each finished shard to the cache, and reports a
// model × set cell (with its accuracy) once all of its shards are done.
import type { SetRef } from '../../../src-shared/api/result-types';
import { PruneLensError } from '../../../src-shared/base/errors';
import { countNonFiniteRows, describeNonFinite, mostlyNonFinite } from '../../../src-shared/analysis/non-finite';
import type { NonFiniteCounts } from '../../../src-shared/analysis/non-finite';
import { argmaxRow, isCorrectPrediction } from '../../../src-shared/analysis/sample-geometry';
import { cellMetricsPresent, readCellMetrics, writeCellMetrics } from '../cache/cell-metrics-store';
import type { ExtractionHooks, ExtractionPlan } from './extraction-plan';
import { cellCacheKey } from './extraction-plan';
import type { PreparedModel } from './prepared-model';
import type { InferReply } from '../workers/worker-protocol';

interface OpenShard {
  logits: Float32Array;
  features: Float32Array;
  filled: number;
  provider: string;
}

interface CellState {
  shardsLeft: number;
  correct: number;
  provider: string;
  nonFiniteLogits: number;
  nonFiniteFeatures: number;
  /** Per-sample prediction and correctness, for the cell's metrics file (cache/cell-metrics-store.ts). */
  predictions: Int32Array;
  correctFlags: Uint8Array;
  /** Some shard was computed by this run (not read back): the cell's metrics file is written. */
  computed: boolean;
  /** Its metrics file was looked for (loadMetrics) and is missing, damaged or of another version: it is written. */
  metricsUnread: boolean;
}

export class ShardAssembly {
  private readonly open = new Map<string, OpenShard>();
  private readonly cells = new Map<string, CellState>();
  private readonly shardCount: number;

  constructor(
    private readonly plan: ExtractionPlan,
    private readonly hooks: ExtractionHooks,
    private readonly shardSize: number,
  ) {
    this.shardCount = Math.ceil(plan.count / shardSize);
  }

  private shardLength(shard: number): number {
    return Math.min(this.shardSize, this.plan.count - shard * this.shardSize);
  }

  private cell(model: PreparedModel, set: SetRef): CellState {
    const key = `${model.id}\u0000${set.id}`;
    let state = this.cells.get(key);
    if (!state) this.cells.set(key, (state = { shardsLeft: this.shardCount, correct: 0, provider: this.plan.executionProvider, nonFiniteLogits: 0, nonFiniteFeatures: 0, predictions: new Int32Array(this.plan.count), correctFlags: new Uint8Array(this.plan.count), computed: false, metricsUnread: false }));
    return state;
  }

  /**
   * Reports the cells of `set` whose metrics file is intact (cache/cell-metrics-store.ts: counts,
   * written once the cell's shards were durable) without reading their shards; returns the models
   * whose cells must be read shard by shard or computed. Per-sample data is read from the shards
   * when a view asks for it (session/cell-data.ts, which forgets the file if a shard is gone).
   */
  async loadMetrics(set: SetRef, advance: (n: number) => void): Promise<PreparedModel[]> {
    const { cache } = this.hooks;
    const found = await Promise.all(this.plan.models.map((model) => readCellMetrics(cache.root, cache.storedKey(cellCacheKey(model, set, this.plan)), this.plan.count)));
    const rest: PreparedModel[] = [];
    this.plan.models.forEach((model, i) => {
      const m = found[i];
      if (!m || m.classes !== model.head.classes) {
        this.cell(model, set).metricsUnread = true;
        return void rest.push(model);
      }
      advance(this.plan.count);
      this.refuseOrWarn(model, set, m.nonFinite);
      this.report(model, set, m.correct, m.executionProvider, m.nonFinite);
    });
    return rest;
  }

  /** Loads what the cache has for this shard (of all models, or of `models`); returns the models that still need computing. */
  async loadCached(set: SetRef, shard: number, advance: (n: number) => void, models: readonly PreparedModel[] = this.plan.models): Promise<PreparedModel[]> {
    const length = this.shardLength(shard);
    const cached = await Promise.all(models.map((model) => this.hooks.cache.readShard(cellCacheKey(model, set, this.plan), shard, length)));
    const missing: PreparedModel[] = [];
    const writes: Promise<void>[] = [];
    models.forEach((model, i) => {
      const data = cached[i];
      if (!data) {
        missing.push(model);
        return;
      }
      advance(length);
      this.countShard(model, set, shard, data.logits, data.features, data.executionProvider);
      writes.push(this.shardDone(model, set));
    });
    await Promise.all(writes);
    return missing;
  }

  /** Adds one batch of results; true when it completed its shard (then written to the cache). */
  async addBatch(model: PreparedModel, set: SetRef, start: number, size: number, reply: InferReply): Promise<boolean> {
    const shard = Math.floor(start / this.shardSize);
    const key = `${model.id}\u0000${set.id}\u0000${shard}`;
    const length = this.shardLength(shard);
    const { classes, featureDim } = model.head;
    let open = this.open.get(key);
    if (!open) this.open.set(key, (open = { logits: new Float32Array(length * classes), features: new Float32Array(length * featureDim), filled: 0, provider: reply.executionProvider }));
    const offset = start - shard * this.shardSize;
    open.logits.set(reply.logits.subarray(0, size * classes), offset * classes);
    open.features.set(reply.features.subarray(0, size * featureDim), offset * featureDim);
    open.filled += size;
    if (reply.executionProvider !== this.plan.executionProvider) open.provider = reply.executionProvider;
    if (open.filled < length) return false;
    this.open.delete(key);
    const cacheKey = cellCacheKey(model, set, this.plan);
    // Counted first: the arrays then move to the cache's writer thread (transferred, not copied).
    this.countShard(model, set, shard, open.logits, open.features, open.provider);
    this.cell(model, set).computed = true;
    if (shard === 0) await this.hooks.cache.writeEntryInfo(cacheKey, { model: model.id, modelHash: model.hash, set, preprocessing: this.plan.preprocessing, data: this.plan.dataKey });
    await this.hooks.cache.writeShard(cacheKey, shard, shard * this.shardSize, { count: length, classes, featureDim, logits: open.logits, features: open.features, executionProvider: open.provider }, { transfer: true });
    await this.shardDone(model, set);
    return true;
  }

  /** Counts a shard's predictions, correct samples and non-finite rows into its cell. */
  private countShard(model: PreparedModel, set: SetRef, shard: number, logits: Float32Array, features: Float32Array, provider: string): void {
    const labels = this.plan.source.labels;
    const classes = model.head.classes;
    const cell = this.cell(model, set);
    const start = shard * this.shardSize;
    // The same rule as the per-sample `correct` column (analysis/sample-geometry.ts).
    for (let i = 0; i < logits.length / classes; i++) {
      cell.predictions[start + i] = argmaxRow(logits, i * classes, classes);
      if (!isCorrectPrediction(logits, i * classes, classes, labels[start + i])) continue;
      cell.correct++;
      cell.correctFlags[start + i] = 1;
    }
    cell.nonFiniteLogits += countNonFiniteRows(logits, classes);
    cell.nonFiniteFeatures += countNonFiniteRows(features, model.head.featureDim);
    if (provider !== this.plan.executionProvider) cell.provider = provider;
  }

  /** A counted shard is in the cache: the cell's last one writes its metrics file and reports the cell. */
  private async shardDone(model: PreparedModel, set: SetRef): Promise<void> {
    const cell = this.cell(model, set);
    const classes = model.head.classes;
    cell.shardsLeft--;
    if (cell.shardsLeft > 0) return;
    const nonFinite = { logits: cell.nonFiniteLogits, features: cell.nonFiniteFeatures };
    this.refuseOrWarn(model, set, nonFinite);
    const metrics = { count: this.plan.count, correct: cell.correct, classes, executionProvider: cell.provider, nonFinite, predictions: cell.predictions, correctFlags: cell.correctFlags };
    // A cell read back whole keeps the file it has (no read, no rewrite); one without a file gets it
    // (cells filled piecewise by `extract --shard` slices never completed in one process), and so
    // does one whose file did not read, here (loadMetrics) or by the caller (repairMetrics).
    const key = this.hooks.cache.storedKey(cellCacheKey(model, set, this.plan));
    const unread = cell.metricsUnread || this.hooks.repairMetrics;
    if (cell.computed || unread || !(await cellMetricsPresent(this.hooks.cache.root, key))) {
      // The metrics file says the cell is in the cache: its shards' renames are made durable first.
      await this.hooks.cache.syncShards();
      // Only a speed-up for reopening: a cache folder that cannot take it (read-only) still gives the cell.
      await writeCellMetrics(this.hooks.cache.root, key, metrics).catch((error: Error) => this.hooks.onWarning?.(`Cell metrics for ${model.id} on ${set.id} not cached: ${error.message}`));
    }
    this.report(model, set, cell.correct, cell.provider, nonFinite);
  }

  /** A clean set with mostly NaN/Inf logits fails the run (its accuracy would be meaningless); fewer are a warning. */
  private refuseOrWarn(model: PreparedModel, set: SetRef, nonFinite: NonFiniteCounts): void {
    if (set.corruption === 'clean' && mostlyNonFinite(nonFinite, this.plan.count)) {
      throw new PruneLensError(
        'inference-failed',
        `Model '${model.id}' outputs NaN/Inf logits for ${nonFinite.logits} of ${this.plan.count} clean samples: its accuracy and geometry would be meaningless. Check the export (float16 overflow, uninitialised or corrupted weights).`,
        { model: model.id },
      );
    }
    const note = describeNonFinite(model.id, set.id, nonFinite, this.plan.count);
    if (note) this.hooks.onWarning?.(note);
  }

  private report(model: PreparedModel, set: SetRef, correct: number, provider: string, nonFinite: NonFiniteCounts): void {
    this.hooks.onCell?.({ modelId: model.id, setId: set.id, accuracy: correct / this.plan.count, executionProvider: provider, nonFinite });
  }
}
