// The one list of model input kinds, and the batch union the worker protocol carries. Adding a
// kind: its folder (adapter + batch type), one line in `InputBatch`, one in `inputAdapters`.
import type { onnx } from 'onnx-proto';
import { PruneLensError } from '../../../src-shared/base/errors';
import type { PreprocessSpec } from '../../../src-shared/data/preprocess';
import type { ImageSource } from '../data-sources/data-source-base';
import { describeInput } from './input-adapter';
import type { FeedAllocator, Feeds, InputAdapter, InputSchema } from './input-adapter';
import { imageAdapter } from './image/image-adapter';
import type { ImageBatch } from './image/image-batch';

/** Every batch kind a worker can be sent. */
export type InputBatch = ImageBatch;

export interface AdapterRegistry<B extends { kind: string }> {
  readonly adapters: readonly InputAdapter<B>[];
  /** The schema of the best-matching adapter (ties: the earlier registration); throws naming the inputs when none matches. */
  schemaFor(inputs: readonly onnx.IValueInfoProto[], fileLabel?: string): InputSchema;
  /** Extraction's batch builder for a model, by its schema's adapter. */
  batcherFor(schema: InputSchema, source: ImageSource, preprocessing: PreprocessSpec): (raw: Uint8Array | Float32Array, count: number) => B;
  /** A batch as named feeds, by the adapter of the batch's kind (which must be the schema's). */
  toFeeds(schema: InputSchema, batch: B, alloc: FeedAllocator): Feeds;
}

export function createAdapterRegistry<B extends { kind: string }>(adapters: readonly InputAdapter<B>[]): AdapterRegistry<B> {
  const kinds = adapters.map((a) => a.kind);
  if (new Set(kinds).size !== kinds.length) throw new Error(`duplicate input adapter kind in [${kinds.join(', ')}]`);
  return {
    adapters,
    schemaFor(inputs, fileLabel) {
      let best: { adapter: InputAdapter<B>; confidence: number } | null = null;
      for (const adapter of adapters) {
        const confidence = adapter.match(inputs);
        if (confidence !== false && confidence > 0 && (!best || confidence > best.confidence)) best = { adapter, confidence };
      }
      if (!best) throw new PruneLensError('bad-onnx', `${fileLabel ? `${fileLabel}: ` : ''}no input kind can feed the model's inputs (${inputs.map(describeInput).join(', ') || 'none'}; tried ${kinds.join(', ')}).`, fileLabel ? { file: fileLabel } : undefined);
      return best.adapter.inputSchema(inputs, fileLabel);
    },
    batcherFor(schema, source, preprocessing) {
      const adapter = adapters.find((a) => a.kind === schema.kind);
      if (!adapter) throw new PruneLensError('internal', `No input adapter of kind '${schema.kind}' is registered.`);
      return adapter.batcher(schema, source, preprocessing);
    },
    toFeeds(schema, batch, alloc) {
      const adapter = adapters.find((a) => a.kind === batch.kind);
      if (!adapter || schema.kind !== batch.kind) throw new PruneLensError('internal', `No input adapter feeds a '${batch.kind}' batch to a '${schema.kind}' model.`);
      return adapter.toFeeds(schema, batch, alloc);
    },
  };
}

/** Every input kind PruneLens feeds today. */
export const inputAdapters = createAdapterRegistry<InputBatch>([imageAdapter]);
