// Keeps the model-side input-kind seam honest: an adapter registered only here (a toy "vector"
// kind, one [N, d] float input) is chosen by the same schemaFor(match) path and its batches go
// through the registry's toFeeds and the worker's runBatch into onnxruntime; and the walk-through
// in docs/ARCHITECTURE.md names files that exist and every registered adapter.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { analyzeModelBytes } from '../../../src-shared/onnx/model-analysis';
import { addHeadOutputs } from '../../../src-shared/onnx/surgery';
import { fixedBatchVariant } from '../../../tools/testing/input-variants';
import { tinyClassifierModel } from '../../../tools/testing/tiny-onnx';
import type { ImageSource } from '../data-sources/data-source-base';
import { modelInputProblem } from '../extraction/model-input';
import { runBatch } from '../workers/run-batch';
import { imageAdapter } from './image/image-adapter';
import type { InputAdapter } from './input-adapter';
import { createAdapterRegistry, inputAdapters } from './input-adapters';
import type { InputBatch } from './input-adapters';
import { architectureSection, missingFiles, namedSourceFiles } from '../../../tools/testing/architecture-doc';

interface VectorBatch { kind: 'vector-test'; rows: Float32Array; count: number }

const is2d = (i: { type?: { tensorType?: { shape?: { dim?: unknown[] | null } | null } | null } | null }) => i.type?.tensorType?.shape?.dim?.length === 2;
const vectorAdapter: InputAdapter<VectorBatch> = {
  kind: 'vector-test',
  match: (inputs) => (inputs.length === 1 && is2d(inputs[0]) ? 1 : false),
  inputSchema(inputs) {
    const shape = inputs[0].type!.tensorType!.shape!.dim!.map((d) => (d.dimParam ? d.dimParam : Number(d.dimValue)));
    return { kind: 'vector-test', inputs: [{ name: inputs[0].name!, type: 'float32', shape }], ...(typeof shape[0] === 'number' ? { fixedBatch: shape[0] } : {}) };
  },
  // The source's samples arrive as flat rows; the kind packs them as they are.
  batcher: () => (raw, count) => ({ kind: 'vector-test', rows: Float32Array.from(raw), count }),
  toFeeds(schema, batch, alloc) {
    const data = alloc(batch.rows.length);
    data.set(batch.rows);
    return { [schema.inputs[0].name]: { type: 'float32', dims: [batch.count, batch.rows.length / batch.count], data } };
  },
};

const W = [[0.5, -1, 2], [1.5, 0.25, -0.75]];
const b = [0.1, -0.2];
/** Independent: W·relu(x) + b in double precision. */
const reference = (rows: number[][]) => rows.flatMap((x) => W.map((w, c) => w.reduce((z, wj, j) => z + wj * Math.max(0, x[j]), b[c])));

describe('input adapter registry', () => {
  const registry = createAdapterRegistry<InputBatch | VectorBatch>([imageAdapter, vectorAdapter]);
  const rows = [[1, 2, 3], [-1, 0.5, 4], [2, -3, 0.25], [0, 0, 1], [3, 1, -2]];

  for (const fixed of [undefined, 2]) {
    it(`feeds a test-only kind through the same schemaFor → toFeeds → runBatch path${fixed ? ' (fixed batch 2: chunked, padded)' : ''}`, async () => {
      const plain = tinyClassifierModel(W, b);
      const bytes = fixed ? fixedBatchVariant(plain, fixed) : plain;
      const analysis = analyzeModelBytes(bytes);
      const schema = registry.schemaFor(analysis.index.inputs, 'tiny.onnx');
      expect(schema).toEqual({ kind: 'vector-test', inputs: [{ name: 'input', type: 'float32', shape: [fixed ?? 'batch', 3] }], ...(fixed ? { fixedBatch: fixed } : {}) });
      const surgery = addHeadOutputs(analysis.model, analysis.index, analysis.head!);
      const session = await ort.InferenceSession.create(surgery.bytes);
      try {
        // Extraction's path: the schema's adapter packs the samples (batcherFor), the worker feeds them (toFeeds).
        const batch = registry.batcherFor(schema, {} as ImageSource, { layout: 'NCHW', scale: 1, mean: [0], std: [1] })(Float32Array.from(rows.flat()), rows.length);
        expect(batch.kind).toBe('vector-test');
        const feeds = registry.toFeeds(schema, batch, (n) => new Float32Array(n));
        const out = await runBatch(session, { logitsName: surgery.logitsOutput, featuresName: surgery.featureOutput, fixedBatch: schema.fixedBatch }, feeds);
        expect(out.logits.length).toBe(10);
        reference(rows).forEach((z, i) => expect(out.logits[i]).toBeCloseTo(z, 5));
        expect(Array.from(out.features)).toEqual(rows.flat().map((v) => Math.max(0, v)));
      } finally {
        await session.release();
      }
    });
  }

  it('without the registration the same model falls to the image adapter and is refused by its rules', () => {
    const inputs = analyzeModelBytes(tinyClassifierModel(W, b)).index.inputs;
    expect(inputAdapters.schemaFor(inputs).kind).toBe('image');
    expect(modelInputProblem(inputs, 'NCHW', { height: 1, width: 3, channels: 1 })).toMatch(/model input has 2 dimensions \[batch, 3\]; PruneLens feeds images as 4-D NCHW tensors/);
  });

  it('refuses duplicate kinds, a batch of another kind, and inputs no adapter matches', () => {
    expect(() => createAdapterRegistry([imageAdapter, { ...vectorAdapter, kind: 'image' } as unknown as InputAdapter<InputBatch>])).toThrow(/duplicate input adapter kind/);
    const schema = { kind: 'image', inputs: [{ name: 'x', type: 'float32' as const, shape: [1, 3] }] };
    expect(() => registry.toFeeds(schema, { kind: 'vector-test', rows: new Float32Array(3), count: 1 }, (n) => new Float32Array(n))).toThrow(/No input adapter feeds a 'vector-test' batch to a 'image' model/);
    const vectorsOnly = createAdapterRegistry([vectorAdapter]);
    expect(() => vectorsOnly.schemaFor([], 'm.onnx')).toThrow(/m\.onnx: no input kind can feed the model's inputs \(none; tried vector-test\)/);
  });

  it('matches the walk-through in docs/ARCHITECTURE.md: every file it names exists, every registered adapter is listed', () => {
    const section = architectureSection('### The model side: input adapters');
    const named = namedSourceFiles(section);
    expect(named.length).toBeGreaterThanOrEqual(10);
    expect(missingFiles(named, ['electron/engine'])).toEqual([]);
    for (const adapter of inputAdapters.adapters) expect(section).toContain(`\`${adapter.kind}\``);
    for (const name of ['createAdapterRegistry', 'inputAdapters', 'InputBatch', 'inputSchema', 'toFeeds', 'samplePictures?(', 'occlusion?(', 'input-adapters.test.ts']) expect(section).toContain(name);
  });
});
