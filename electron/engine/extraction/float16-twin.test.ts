// float16 and bfloat16 models through the real extraction path: a float16 export (weights and
// I/O) and a bfloat16-I/O export of the same seeded CNN (tools/zoo/families/float16_twin.py) must
// agree with their float32 twin, which must agree with PyTorch's logits and features.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../src-shared/api/contract';
import { readNpy } from '../../../src-shared/formats/npy';
import { analyzeModelBytes } from '../../../src-shared/onnx/model-analysis';
import { addHeadOutputs } from '../../../src-shared/onnx/surgery';
import { createEngine } from '../engine';
import { verifyHead } from './head-verify';

const fixtures = path.resolve(import.meta.dirname, '../../../tools/fixtures/float16-twin');
const npy = (file: string) => readNpy(new Uint8Array(readFileSync(file)));
const COUNT = 256;
const CLASSES = 4;
const DIM = 12; // SmallCnn's penultimate width
const models = ['float32', 'float16', 'bfloat16'] as const;
const files: Record<(typeof models)[number], string> = { float32: 'cnn_float32.onnx', float16: 'cnn_float16.onnx', bfloat16: 'cnn_bfloat16_io.onnx' };

const bundle = mkdtempSync(path.join(tmpdir(), 'prunelens-fp16-'));
// float32 feature storage: the models' own float16/bfloat16 precision is what is measured here, not the cache's.
const engine = createEngine({ transport: 'in-process', cacheDir: path.join(bundle, 'cache'), workers: 2, featureDtype: 'float32' });
const arrays: Record<string, { logits: Float32Array; features: Float32Array; pred: Int32Array }> = {};

beforeAll(async () => {
  mkdirSync(path.join(bundle, 'models'));
  mkdirSync(path.join(bundle, 'data'));
  for (const id of models) copyFileSync(path.join(fixtures, files[id]), path.join(bundle, 'models', files[id]));
  for (const f of ['images.npy', 'labels.npy']) copyFileSync(path.join(fixtures, f), path.join(bundle, 'data', f));
  writeFileSync(path.join(bundle, 'bundle.json'), JSON.stringify({
    name: 'float16 twin', classes: ['a', 'b', 'c', 'd'],
    input: { layout: 'NCHW', scale: 255, mean: [0.5], std: [0.25] },
    models: models.map((id, i) => ({ id, path: `models/${files[id]}`, role: i === 0 ? 'dense' : 'pruned', method: id, sparsity: 0 })),
    data: { clean: { images: 'data/images.npy', labels: 'data/labels.npy' } },
  }));
  const events: ApiEvent[] = [];
  engine.subscribe((e) => events.push(e));
  const { jobId } = await engine.startAnalysis({ path: bundle });
  for (let i = 0; i < 1200 && !events.some((e) => e.type === 'job-finished' && e.jobId === jobId); i++) await new Promise((r) => setTimeout(r, 50));
  expect(events.find((e) => e.type === 'job-finished')).toMatchObject({ status: 'done' });
  for (const id of models) {
    const read = async (kind: 'logits' | 'features') => npy((await save(id, kind))).data as Float32Array;
    arrays[id] = { logits: await read('logits'), features: await read('features'), pred: (await engine.getSampleMetrics({ path: bundle, modelId: id, setId: 'clean' })).pred };
  }
}, 120_000);

async function save(modelId: string, kind: 'logits' | 'features'): Promise<string> {
  const file = await engine.exportArray({ path: bundle, modelId, setId: 'clean', kind });
  const out = path.join(bundle, `${modelId}.${file.fileName}`);
  writeFileSync(out, file.bytes);
  return out;
}

afterAll(() => engine.dispose());

const argmax = (x: Float32Array, i: number, n: number) => {
  let best = 0;
  for (let c = 1; c < n; c++) if (x[i * n + c] > x[i * n + best]) best = c;
  return best;
};
const maxAbs = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const maxOf = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('float16 / bfloat16 twins through extraction', () => {
  it('the float32 model agrees with PyTorch (logits, features, predictions)', () => {
    const refLogits = npy(path.join(fixtures, 'reference_logits.npy')).data as Float32Array;
    const refFeatures = npy(path.join(fixtures, 'reference_features.npy')).data as Float32Array;
    expect(arrays.float32.logits).toHaveLength(COUNT * CLASSES);
    expect(arrays.float32.features).toHaveLength(COUNT * DIM);
    expect(maxAbs(arrays.float32.logits, refLogits)).toBeLessThan(1e-4 * Math.max(1, maxOf(refLogits)));
    expect(maxAbs(arrays.float32.features, refFeatures)).toBeLessThan(1e-4 * Math.max(1, maxOf(refFeatures)));
    const agree = Array.from({ length: COUNT }, (_, i) => argmax(refLogits, i, CLASSES) === arrays.float32.pred[i]).filter(Boolean).length;
    expect(agree / COUNT).toBeGreaterThanOrEqual(0.99);
  });

  for (const [id, bits] of [['float16', 11], ['bfloat16', 8]] as const) {
    it(`the ${id} model agrees with its float32 twin (predictions ≥ 97 %, features within ${id} precision)`, () => {
      const twin = arrays[id];
      const agree = Array.from({ length: COUNT }, (_, i) => twin.pred[i] === arrays.float32.pred[i]).filter(Boolean).length;
      expect(agree / COUNT).toBeGreaterThanOrEqual(0.97);
      // Decoded values, not raw half bits read as float32 (those would be ~1e4 for every feature).
      const scale = maxOf(arrays.float32.features);
      expect(maxOf(twin.features)).toBeLessThan(2 * scale);
      expect(maxAbs(twin.features, arrays.float32.features)).toBeLessThan(scale * 2 ** -(bits - 4));
      expect(maxAbs(twin.logits, arrays.float32.logits)).toBeLessThan(maxOf(arrays.float32.logits) * 2 ** -(bits - 4));
    });
  }

  it('inspect --verify decodes the same way (float16 and bfloat16 heads check out)', async () => {
    for (const id of ['float16', 'bfloat16'] as const) {
      const analysis = analyzeModelBytes(new Uint8Array(readFileSync(path.join(fixtures, files[id]))), {}, id);
      const check = await verifyHead(addHeadOutputs(analysis.model, analysis.index, analysis.head!).bytes, analysis.index, analysis.head!, { fileLabel: id, tolerance: 2e-2 });
      expect(check.ok, id).toBe(true);
      expect(check.batch).toBe(4);
    }
  });
});
