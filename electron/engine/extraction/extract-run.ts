// The extraction pipeline: every model × set × sample, in batches, through the worker pool.
// Batches of all sets form one queue (the user's priority sets first) processed a few at a time,
// so corruption of one batch overlaps inference of another and memory stays bounded. Results
// are written per shard to the cache; cached shards are skipped, so a rerun resumes.
import type { SetRef } from '../../../src-shared/api/result-types';
import { PruneLensError } from '../../../src-shared/base/errors';
import { corruptionSeed } from '../../../src-shared/corruptions/index';
import type { ImageSource } from '../data-sources/data-source';
import { inputAdapters } from '../inputs/input-adapters';
import { SharedInputPool } from '../inputs/image/shared-input';
import { inferTask } from './infer-task';
import { ShardAssembly } from './shard-assembly';
import { claimFile, claimWork, pollDelay } from './claimed-work';
import type { WorkItem } from './claimed-work';
import { DEFAULT_SHARD_SIZE, cellCacheKey } from './extraction-plan';
import type { CellDone, ExtractionHooks, ExtractionPlan } from './extraction-plan';

export { DEFAULT_SHARD_SIZE, cellCacheKey };
export type { CellDone, ExtractionHooks, ExtractionPlan };

export async function runExtraction(plan: ExtractionPlan, hooks: ExtractionHooks): Promise<void> {
  const batchSize = plan.batchSize ?? 256;
  const shardSize = plan.shardSize ?? DEFAULT_SHARD_SIZE;
  if (shardSize % batchSize !== 0) throw new PruneLensError('internal', 'shardSize must be a multiple of batchSize.');
  const total = plan.models.length * plan.sets.length * plan.count;
  let done = 0;
  const advance = (n: number) => {
    done += n;
    hooks.onProgress?.(done, total);
  };
  const assembly = new ShardAssembly(plan, hooks, shardSize);
  // Each model's batch builder (its input adapter checks the images fit the input, up front).
  const batchers = new Map(plan.models.map((m) => [m.id, inputAdapters.batcherFor(m.input, plan.source, plan.preprocessing)]));
  const sharedInputs = new SharedInputPool();

  // Work list: (set, shard) with the models that still need it. Cells with an intact metrics file
  // are reported from it (one small read instead of every shard); a slice (`extract --shard`)
  // counts shards, so it reads them.
  const work: WorkItem[] = [];
  for (const set of plan.sets) {
    const open = plan.shards || hooks.cacheOnly ? plan.models : await assembly.loadMetrics(set, advance);
    if (open.length === 0) continue;
    for (let shard = 0; shard * shardSize < plan.count; shard++) {
      if (plan.shards && !plan.shards.includes(shard)) continue;
      const missing = await assembly.loadCached(set, shard, advance, open);
      if (missing.length > 0) work.push({ set, shard, models: missing });
    }
  }
  hooks.onProgress?.(done, total);
  if (hooks.cacheOnly) return;

  const toBatches = (item: WorkItem) => {
    const start = item.shard * shardSize;
    const end = Math.min(plan.count, start + shardSize);
    const list = [];
    for (let b = start; b < end; b += batchSize) list.push({ ...item, start: b, size: Math.min(batchSize, end - b) });
    return list;
  };
  type Batch = ReturnType<typeof toBatches>[number];
  // With claims, each (set, shard) is claimed just before its first batch (so at most a few are held at once).
  const claimContext = hooks.claims
    ? { claims: hooks.claims, cache: hooks.cache, plan, recheck: (item: WorkItem) => assembly.loadCached(item.set, item.shard, advance, item.models) }
    : null;
  /** Items other writers hold, looked at again after the run's own work. */
  let held: WorkItem[] = [];

  const runBatch = async (batch: Batch) => {
    hooks.signal?.throwIfAborted();
    let pixels: Uint8Array | Float32Array;
    if (batch.set.corruption === 'clean') pixels = await plan.source.readBatch(batch.start, batch.size);
    else if (plan.corruptedSource) pixels = await (await precomputed(batch.set)).readBatch(batch.start, batch.size);
    else pixels = await corruptBatch(plan, hooks, batch.set, batch.start, batch.size, await plan.source.readBatch(batch.start, batch.size));
    // Raw pixels to the workers, which preprocess them: one shared copy read by every model's task
    // (no copy per model, nothing transferred; workers never write to it).
    const shared = sharedCopy(pixels);
    const inputs = batch.models.map((model) => batchers.get(model.id)!(shared, batch.size));
    // Models that take the same tensor get it preprocessed once (by whichever task comes first).
    const release = sharedInputs.attach(inputs);
    let ok = false;
    try {
      await Promise.all(
        batch.models.map(async (model, k) => {
          const task = inferTask(model, plan.executionProvider, inputs[k]);
          const reply = await hooks.pool.run(task, { signal: hooks.signal }).catch((error: unknown) => {
            throw withModel(error, model.id);
          });
          if (reply.warning) hooks.onWarning?.(reply.warning);
          const shardDone = await assembly.addBatch(model, batch.set, batch.start, batch.size, reply);
          if (shardDone && claimContext) await claimContext.claims.release(claimFile(claimContext, model, batch.set, batch.shard));
          advance(batch.size);
        }),
      );
      ok = true;
    } finally {
      release(ok);
    }
  };

  const precomputedSources = new Map<string, Promise<ImageSource>>();
  const precomputed = (set: SetRef) => {
    if (!precomputedSources.has(set.id)) precomputedSources.set(set.id, plan.corruptedSource!(set));
    return precomputedSources.get(set.id)!;
  };

  const runItems = async (items: readonly WorkItem[]) => {
    if (items.length === 0) return; // all cached: the worker pool is not asked (nor started)
    let nextItem = 0;
    const queue: Batch[] = [];
    // One lane at a time takes the next batch (claiming the next item when the queue is empty).
    let pulling: Promise<unknown> = Promise.resolve();
    const nextBatch = (): Promise<Batch | undefined> => {
      const taken = pulling.then(async () => {
        while (queue.length === 0 && nextItem < items.length) {
          const item = items[nextItem++];
          if (!claimContext) queue.push(...toBatches(item));
          else {
            const claimed = await claimWork([item], claimContext);
            held.push(...claimed.held);
            for (const mine of claimed.mine) queue.push(...toBatches(mine));
          }
        }
        return queue.shift();
      });
      pulling = taken.catch(() => undefined);
      return taken;
    };
    const concurrency = hooks.pool.size + 1;
    const batchCount = items.reduce((n, item) => n + Math.ceil(Math.min(shardSize, plan.count - item.shard * shardSize) / batchSize), 0);
    // The first failure stops the other lanes from taking new batches (the job reports that failure).
    let failed = false;
    const lanes = Array.from({ length: Math.min(concurrency, batchCount) }, async () => {
      try {
        while (!failed) {
          const batch = await nextBatch();
          if (!batch) break;
          await runBatch(batch);
        }
      } catch (error) {
        failed = true;
        throw error;
      }
    });
    try {
      await Promise.all(lanes);
    } finally {
      await Promise.allSettled(lanes); // no lane still writing when the job reports its end
    }
  };

  try {
    await runItems(work);
    // Shards other writers held: loaded once they are in the cache, computed here once released or stale.
    while (held.length > 0) {
      await pollDelay(hooks.claimPollMs ?? 2000, hooks.signal);
      const missing: WorkItem[] = [];
      for (const item of held) {
        const models = await assembly.loadCached(item.set, item.shard, advance, item.models);
        if (models.length) missing.push({ ...item, models });
      }
      held = [];
      await runItems(missing);
    }
  } finally {
    // What this run wrote is durable before it ends: one folder fsync per entry (result-cache.ts).
    // Only a dead writer thread can fail it, and then the writes themselves failed the run.
    await hooks.cache.syncShards().catch(() => undefined);
    await claimContext?.claims.releaseAll();
    await Promise.all([...precomputedSources.values()].map((p) => p.then((source) => source.close()).catch(() => undefined)));
  }
}

/** The pixels in a SharedArrayBuffer: posted to several workers without a copy each. */
function sharedCopy(pixels: Uint8Array | Float32Array): Uint8Array | Float32Array {
  const out = pixels instanceof Uint8Array ? new Uint8Array(new SharedArrayBuffer(pixels.byteLength)) : new Float32Array(new SharedArrayBuffer(pixels.byteLength));
  out.set(pixels);
  return out;
}

/** An inference failure with the model it belongs to named (the message is otherwise onnxruntime's alone). */
function withModel(error: unknown, modelId: string): unknown {
  if (!(error instanceof PruneLensError) || error.code !== 'inference-failed') return error;
  return new PruneLensError(error.code, `Model '${modelId}': ${error.message}`, { ...error.details, model: modelId });
}

async function corruptBatch(plan: ExtractionPlan, hooks: ExtractionHooks, set: SetRef, start: number, size: number, pixels: Uint8Array | Float32Array): Promise<Uint8Array> {
  if (!(pixels instanceof Uint8Array)) throw new PruneLensError('bad-data', 'Corruptions need 8-bit images; this data set is floating point. Provide uint8 data or precomputed corrupted sets.');
  if (plan.source.channels !== 1 && plan.source.channels !== 3) throw new PruneLensError('bad-data', `Corruptions need 1 or 3 channels (data has ${plan.source.channels}).`);
  const seeds = new Uint32Array(size);
  for (let i = 0; i < size; i++) seeds[i] = corruptionSeed(plan.corruptionSeed, set.corruption, set.severity, start + i);
  const images = pixels.slice();
  const reply = await hooks.pool.run(
    { kind: 'corrupt', images, count: size, height: plan.source.height, width: plan.source.width, channels: plan.source.channels as 1 | 3, corruption: set.corruption, severity: set.severity, seeds,
      ...(set.corruption === 'frost' && plan.frostPhotos ? { frostPhotos: plan.frostPhotos.textures } : {}) },
    { transfer: [images.buffer], signal: hooks.signal },
  );
  return reply.images;
}
