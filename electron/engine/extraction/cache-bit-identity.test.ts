// The cache holds exactly what a bare onnxruntime loop computes: every shard's logits.npy and
// features.npy, byte for byte, against a direct session run on the same batches of an input built
// here by the per-pixel formula (not by preprocessBatch), and each meta's SHA-256 over those bytes.
// Under both feature storages: float32 features as computed, and the default float16 features as
// that run's values rounded to nearest even (floatToHalf, checked against NumPy in ort-io.test.ts);
// logits float32 under both. Guards the throughput work (preprocessing tables, reused worker
// buffers, shard assembly) and the storage switch.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../src-shared/api/contract';
import { float32ToHalfArray } from '../../../src-shared/formats/half';
import { npyHeaderBytes, readNpy, writeNpy } from '../../../src-shared/formats/npy';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { filesBelow } from '../../../tools/testing/files-below';
import { createEngine } from '../engine';
import type { Engine } from '../engine';
import type { FeatureDtype } from '../cache/feature-storage';
import { folderStore } from '../bundle/bundle-archive-store';
import { loadBundleManifest } from '../bundle/bundle-loader';
import { prepareModel } from './prepared-model';
import { imageInput } from '../inputs/image/image-batch';

// 1,500 images: two shards (1,024 + 476), six batches of at most 256 per model, so workers reuse buffers.
const count = 1500;
const bundle = writeImageFixtureBundle({ count, corruptions: ['contrast'], severities: [1] });
const engines: Engine[] = [];
afterAll(() => Promise.all(engines.map((e) => e.dispose())));

/** What features.npy must hold: the run's float32 values, or their float16 rounding under that storage. */
function expectedFeatureBytes(values: Float32Array, shape: [number, number], storage: FeatureDtype): Uint8Array {
  if (storage === 'float32') return writeNpy(values, shape);
  const half = float32ToHalfArray(values);
  return Buffer.concat([npyHeaderBytes('f2', shape), new Uint8Array(half.buffer, half.byteOffset, half.byteLength)]);
}

/** (x/255 − 0.5)/0.25 as the pipeline defines it: x · f32(1/255/0.25) + f32(−0.5/0.25), rounded to float32. */
function referenceInput(pixels: Uint8Array): Float32Array {
  const mul = Math.fround(1 / 255 / 0.25);
  const add = Math.fround(-0.5 / 0.25);
  return Float32Array.from(pixels, (x) => x * mul + add);
}

describe('extraction cache contents', () => {
  it.each(['float32', 'float16'] as const)('equal a bare onnxruntime loop bit for bit, shard by shard, with matching checksums (%s features)', async (storage) => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-bit-identity-'));
    const engine = createEngine({ transport: 'in-process', cacheDir, workers: 2, featureDtype: storage });
    engines.push(engine);
    const events: ApiEvent[] = [];
    engine.subscribe((e) => events.push(e));
    const { jobId } = await engine.startAnalysis({ path: bundle, corruptions: [] });
    for (let i = 0; i < 600 && !events.some((e) => e.type === 'job-finished' && e.jobId === jobId); i++) await new Promise((r) => setTimeout(r, 50));
    expect(events.find((e) => e.type === 'job-finished')).toMatchObject({ status: 'done' });

    const manifest = await loadBundleManifest(bundle);
    const pixels = readNpy(readFileSync(path.join(bundle, 'data', 'images.npy'))).data as Uint8Array;
    const entries = filesBelow(cacheDir, 'entry.json').map((file) => ({ dir: path.dirname(file), info: JSON.parse(readFileSync(file, 'utf8')) as { model: string; set: { id: string } } }));
    expect(entries.map((e) => `${e.info.model}/${e.info.set.id}`).sort()).toEqual(['dense/clean', 'pruned/clean']);
    for (const { dir, info } of entries) {
      const model = await prepareModel(folderStore(bundle), manifest.models.find((m) => m.id === info.model)!);
      // The pool's workers run one intra-op thread per core share; so does this session.
      const session = await ort.InferenceSession.create(model.runBytes, { executionProviders: ['cpu'], intraOpNumThreads: Math.max(1, Math.floor(availableParallelism() / 2)), interOpNumThreads: 1, graphOptimizationLevel: 'all' });
      const logits = new Float32Array(count * model.head.classes);
      const features = new Float32Array(count * model.head.featureDim);
      for (let start = 0; start < count; start += 256) {
        const n = Math.min(256, count - start);
        const input = referenceInput(pixels.subarray(start * 64, (start + n) * 64));
        const out = await session.run({ [imageInput(model.input).name]: new ort.Tensor('float32', input, [n, 1, 8, 8]) });
        logits.set(out[model.logitsOutput].data as Float32Array, start * model.head.classes);
        features.set(out[model.featureOutput].data as Float32Array, start * model.head.featureDim);
      }
      await session.release();
      const shards = filesBelow(dir, '.json').filter((f) => /shard-\d+\.json$/.test(f));
      expect(shards).toHaveLength(2);
      for (const metaFile of shards) {
        const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { start: number; count: number; sha256: { logits: string; features: string }; featureDtype: FeatureDtype };
        expect(meta.featureDtype).toBe(storage);
        const base = metaFile.replace(/\.json$/, '');
        const expectedLogits = writeNpy(logits.subarray(meta.start * model.head.classes, (meta.start + meta.count) * model.head.classes), [meta.count, model.head.classes]);
        const expectedFeatures = expectedFeatureBytes(features.subarray(meta.start * model.head.featureDim, (meta.start + meta.count) * model.head.featureDim), [meta.count, model.head.featureDim], storage);
        const gotLogits = readFileSync(`${base}.logits.npy`);
        const gotFeatures = readFileSync(`${base}.features.npy`);
        expect(Buffer.compare(gotLogits, Buffer.from(expectedLogits)), `${info.model} logits from ${meta.start}`).toBe(0);
        expect(Buffer.compare(gotFeatures, Buffer.from(expectedFeatures)), `${info.model} features from ${meta.start}`).toBe(0);
        expect(meta.sha256).toEqual({ logits: createHash('sha256').update(expectedLogits).digest('hex'), features: createHash('sha256').update(expectedFeatures).digest('hex') });
      }
    }
  });
});
