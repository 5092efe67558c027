// Collects batch results into shards, writes each finished shard to the cache, and reports a
// model × set cell (with its accuracy) once all of its shards are done.
import type { SetRef } from '../../../src-shared/api/result-types';
import { PruneLensError } from '../../../src-shared/base/errors';
import { countNonFiniteRows, describeNonFinite, mostlyNonFinite } from '../../../src-shared/analysis/non-finite';
import { argmaxRow, isCorrectPrediction } from '../../../src-shared/analysis/sample-geometry';
import { writeCellMetrics } from '../cache/cell-metrics-store';
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
    if (!state) this.cells.set(key, (state = { shardsLeft: this.shardCount, correct: 0, provider: this.plan.executionProvider, nonFiniteLogits: 0, nonFiniteFeatures: 0, predictions: new Int32Array(this.plan.count), correctFlags: new Uint8Array(this.plan.count) }));
    return state;
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
      writes.push(this.finishShard(model, set, shard, data.logits, data.features, data.executionProvider));
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
    if (shard === 0) await this.hooks.cache.writeEntryInfo(cacheKey, { model: model.id, modelHash: model.hash, set, preprocessing: this.plan.preprocessing, data: this.plan.dataKey });
    await this.hooks.cache.writeShard(cacheKey, shard, shard * this.shardSize, { count: length, classes, featureDim, logits: open.logits, features: open.features, executionProvider: open.provider });
    await this.finishShard(model, set, shard, open.logits, open.features, open.provider);
    return true;
  }

  /** Counts a shard into its cell; the cell's last shard writes its metrics file and reports it. */
  private async finishShard(model: PreparedModel, set: SetRef, shard: number, logits: Float32Array, features: Float32Array, provider: string): Promise<void> {
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
    cell.shardsLeft--;
    if (cell.shardsLeft > 0) return;
    const nonFinite = { logits: cell.nonFiniteLogits, features: cell.nonFiniteFeatures };
    if (set.corruption === 'clean' && mostlyNonFinite(nonFinite, this.plan.count)) {
      throw new PruneLensError(
        'inference-failed',
        `Model '${model.id}' outputs NaN/Inf logits for ${nonFinite.logits} of ${this.plan.count} clean samples: its accuracy and geometry would be meaningless. Check the export (float16 overflow, uninitialised or corrupted weights).`,
        { model: model.id },
      );
    }
    const note = describeNonFinite(model.id, set.id, nonFinite, this.plan.count);
    if (note) this.hooks.onWarning?.(note);
    const metrics = { count: this.plan.count, correct: cell.correct, classes, executionProvider: cell.provider, nonFinite, predictions: cell.predictions, correctFlags: cell.correctFlags };
    // Only a speed-up for reopening: a cache folder that cannot take it (read-only) still gives the cell.
    await writeCellMetrics(this.hooks.cache.root, cellCacheKey(model, set, this.plan), metrics).catch((error: Error) => this.hooks.onWarning?.(`Cell metrics for ${model.id} on ${set.id} not cached: ${error.message}`));
    this.hooks.onCell?.({ modelId: model.id, setId: set.id, accuracy: cell.correct / this.plan.count, executionProvider: cell.provider, nonFinite });
  }
}
