// The demo bundle's ONNX models, run with onnxruntime-node on the bundle's own test images and
// preprocessing, reproduce the clean accuracies that tools/zoo/train_zoo.py measured with PyTorch
// and recorded in assets/demo/README.md. Set PRUNELENS_ZOO_DIR to check another bundle folder
// (e.g. a `--smoke` output).
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../src-shared/api/contract';
import { parseManifest } from '../../src-shared/bundle/manifest';
import { createEngine } from '../../electron/engine/engine';
import type { BundleManifest } from '../../src-shared/bundle/manifest';

const here = dirname(fileURLToPath(import.meta.url));
const bundleDir = resolve(process.env.PRUNELENS_ZOO_DIR ?? join(here, '../../assets/demo'));
const N = 1000;
const TOLERANCE_POINTS = 0.5;

interface Idx {
  dims: number[];
  data: Uint8Array;
}

/** IDX (gzip or raw): bytes 0-1 zero, byte 2 the type (0x08 = uint8), byte 3 the rank, big-endian uint32 dims. */
function readIdx(path: string): Idx {
  let bytes: Uint8Array = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new Error(`${path}: not an IDX file`);
  if (bytes[2] !== 0x08) throw new Error(`${path}: IDX type 0x${bytes[2].toString(16)} is not uint8`);
  const rank = bytes[3];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const offset = 4 + 4 * rank;
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== offset + count) throw new Error(`${path}: ${bytes.length - offset} data bytes, header says ${count}`);
  return { dims, data: bytes.subarray(offset, offset + count) };
}

/** `acc@1000 (%)` per model id, from the README's model table. */
function readmeAccuracies(readme: string): Map<string, number> {
  const lines = readme.split('\n').map((l) => l.trim());
  const headerAt = lines.findIndex((l) => l.startsWith('|') && /\|\s*id\s*\|/.test(l));
  if (headerAt < 0) throw new Error('README.md has no model table');
  const cells = (l: string) => l.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
  const header = cells(lines[headerAt]);
  const idCol = header.indexOf('id');
  const accCol = header.findIndex((h) => h.startsWith('acc@1000'));
  if (accCol < 0) throw new Error('README.md model table has no acc@1000 column');
  const result = new Map<string, number>();
  for (const line of lines.slice(headerAt + 2)) {
    if (!line.startsWith('|')) break;
    const row = cells(line);
    result.set(row[idCol], Number(row[accCol]));
  }
  return result;
}

/** NCHW float32 batch of images [start, start + count), preprocessed exactly as bundle.json `input` says. */
function batchTensor(images: Idx, input: BundleManifest['input'], start: number, count: number): ort.Tensor {
  const [, h, w] = images.dims;
  const plane = h * w;
  const channels = input.mean.length;
  expect(input.layout).toBe('NCHW');
  expect(channels).toBe(1); // grayscale IDX
  const out = new Float32Array(count * channels * plane);
  const mean = Math.fround(input.mean[0]);
  const std = Math.fround(input.std[0]);
  for (let i = 0; i < count * plane; i++) {
    const x = Math.fround(images.data[start * plane + i] / input.scale);
    out[i] = (x - mean) / std;
  }
  return new ort.Tensor('float32', out, [count, channels, h, w]);
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const p = join(dir, name);
    const s = statSync(p);
    return sum + (s.isDirectory() ? folderBytes(p) : s.size);
  }, 0);
}

describe(`demo bundle (${bundleDir})`, () => {
  let manifest: BundleManifest;
  let images: Idx;
  let labels: Idx;
  let recorded: Map<string, number>;
  const sessionOptions: ort.InferenceSession.SessionOptions = { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 };

  beforeAll(() => {
    manifest = parseManifest(readFileSync(join(bundleDir, 'bundle.json'), 'utf8'));
    images = readIdx(join(bundleDir, manifest.data.clean.images));
    labels = readIdx(join(bundleDir, manifest.data.clean.labels!));
    recorded = readmeAccuracies(readFileSync(join(bundleDir, 'README.md'), 'utf8'));
  });

  it('is a valid, small bundle with the Fashion-MNIST test set', () => {
    expect(images.dims).toEqual([10000, 28, 28]);
    expect(labels.dims).toEqual([10000]);
    expect(manifest.classes).toHaveLength(10);
    expect(manifest.models.length).toBeGreaterThanOrEqual(9);
    expect(folderBytes(bundleDir)).toBeLessThan(15 * 1024 * 1024);
    for (const m of manifest.models) expect(recorded.has(m.id), `README row for ${m.id}`).toBe(true);
  });

  it('dense model: input `input`, output `logits` with 10 classes, dynamic batch axis', async () => {
    const dense = manifest.models.find((m) => m.role === 'dense')!;
    const session = await ort.InferenceSession.create(join(bundleDir, dense.path), sessionOptions);
    try {
      expect(session.inputNames).toEqual(['input']);
      expect(session.outputNames).toEqual(['logits']);
      const meta = session.inputMetadata[0];
      if (meta.isTensor) expect(typeof meta.shape[0]).toBe('string');
      const seven = (await session.run({ input: batchTensor(images, manifest.input, 0, 7) })).logits;
      expect(seven.dims).toEqual([7, 10]);
      for (let i = 0; i < 7; i++) {
        const one = (await session.run({ input: batchTensor(images, manifest.input, i, 1) })).logits;
        expect(one.dims).toEqual([1, 10]);
        const a = one.data as Float32Array;
        const b = (seven.data as Float32Array).subarray(i * 10, i * 10 + 10);
        for (let c = 0; c < 10; c++) expect(a[c]).toBeCloseTo(b[c], 4);
      }
    } finally {
      await session.release();
    }
  });

  // Through the app's own path (bundle loading, IDX reader, preprocessing, head surgery, worker
  // pool), so a broken export or a broken preprocessing step is caught.
  it(`every model's accuracy on the first ${N} test images, as the engine computes it, matches README.md within ${TOLERANCE_POINTS} points`, async () => {
    const engine = createEngine({ transport: 'in-process', cacheDir: mkdtempSync(join(tmpdir(), 'prunelens-demo-')), workers: 2 });
    try {
      const finished = new Promise<ApiEvent>((done) => engine.subscribe((e) => e.type === 'job-finished' && done(e)));
      await engine.startAnalysis({ path: bundleDir, corruptions: [], limit: N });
      expect(await finished).toMatchObject({ status: 'done' });
      const table = await engine.getEvaluation({ path: bundleDir });
      expect(table.sets.map((s) => s.id)).toEqual(['clean']);
      table.models.forEach((model, i) => {
        const measured = 100 * table.accuracy[i];
        expect(Math.abs(measured - recorded.get(model.id)!), `${model.id}: PruneLens ${measured} vs README ${recorded.get(model.id)}`).toBeLessThanOrEqual(TOLERANCE_POINTS);
      });
    } finally {
      await engine.dispose();
    }
  }, 120_000);
});
