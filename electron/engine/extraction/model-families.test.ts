// Every model family of tools/zoo/families (fixtures in tools/fixtures/onnx/families/, references
// computed by PyTorch/NumPy there): the head is detected with the expected form; the real engine
// extraction (bundle → workers → onnxruntime → cache) gives per-sample predictions agreeing with
// the reference on ≥ 99 % of samples and logits within the family's tolerance; and the extracted
// features times the detected W, plus b, reproduce the extracted logits (the head decomposition;
// to half an output step for integer-only heads, whose logits are dequantized integers).
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../src-shared/api/contract';
import { readNpy } from '../../../src-shared/formats/npy';
import { analyzeModelBytes } from '../../../src-shared/onnx/model-analysis';
import type { ClassifierHead } from '../../../src-shared/onnx/classifier-head';
import { addHeadOutputs } from '../../../src-shared/onnx/surgery';
import { filesBelow } from '../../../tools/testing/files-below';
import { folderStore } from '../bundle/bundle-archive-store';
import { createEngine } from '../engine';
import type { Engine } from '../engine';
import { verifyHead } from './head-verify';
import { readModelBytes } from '../bundle/model-bytes';

const root = path.resolve(__dirname, '../../../tools/fixtures/onnx/families');
const families = readdirSync(root).sort();
const engines: Engine[] = [];

interface Meta {
  family: string;
  form: ClassifierHead['form'];
  featureDim: number;
  classes: number;
  tolerance: number;
  factorRank?: number;
  headWeights?: number[];
  headBias?: number[];
}

const npy = (file: string) => readNpy(new Uint8Array(readFileSync(file))).data as Float32Array;

/** The detected head, checked as `inspect --verify` does (surgery bytes, random input, W·f + b vs logits). */
async function headOf(dir: string): Promise<ClassifierHead> {
  const bytes = await readModelBytes(folderStore(dir), 'model.onnx', 'Model');
  const analysis = analyzeModelBytes(bytes, {}, 'model.onnx');
  expect(analysis.headError?.message ?? null).toBeNull();
  const check = await verifyHead(addHeadOutputs(analysis.model, analysis.index, analysis.head!).bytes, analysis.index, analysis.head!, { batch: 3, tolerance: 1e-5 });
  expect(check.ok, check.warning).toBe(true);
  return analysis.head!;
}

/** One-model bundle around the family folder, analysed by the real engine; the cached cell's logits and features. */
async function extract(dir: string, classes: number): Promise<{ logits: Float32Array; features: Float32Array }> {
  const bundle = mkdtempSync(path.join(tmpdir(), 'prunelens-family-'));
  cpSync(dir, bundle, { recursive: true });
  writeFileSync(path.join(bundle, 'bundle.json'), JSON.stringify({
    name: 'family',
    classes: Array.from({ length: classes }, (_, i) => `c${i}`),
    input: { layout: 'NCHW', scale: 255, mean: [0.5], std: [0.25] },
    models: [{ id: 'model', path: 'model.onnx', role: 'dense', method: 'Dense baseline', sparsity: 0 }],
    data: { clean: { images: 'images.npy', labels: 'labels.npy' } },
  }));
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-family-cache-'));
  // float32 feature storage: W·f + b is checked against the logits to the family's tolerance, below float16's rounding.
  const engine = createEngine({ transport: 'in-process', cacheDir, workers: 1, featureDtype: 'float32' });
  engines.push(engine);
  const events: ApiEvent[] = [];
  engine.subscribe((e) => events.push(e));
  const { jobId } = await engine.startAnalysis({ path: bundle });
  for (let i = 0; i < 1200 && !events.some((e) => e.type === 'job-finished' && e.jobId === jobId); i++) await new Promise((r) => setTimeout(r, 25));
  expect(events.find((e) => e.type === 'job-finished')).toMatchObject({ status: 'done' });
  const [logitsFile] = filesBelow(cacheDir, 'logits.npy');
  const [featuresFile] = filesBelow(cacheDir, 'features.npy');
  return { logits: npy(logitsFile), features: npy(featuresFile) };
}

const argmax = (row: ArrayLike<number>) => Array.prototype.indexOf.call(row, Math.max(...Array.from(row)));

afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
});

describe('model families (tools/zoo/families)', () => {
  it('has every family the README lists', () => {
    expect(families).toEqual(['conv_head_flat', 'conv_head_pooled', 'conv_low_rank_head', 'external_data', 'head_tail_qdq', 'int4_blocked', 'int8_qdq', 'low_rank_head', 'matmul_add_head', 'plain_cnn', 'qgemm_head', 'qlinear_conv_head', 'qlinear_matmul_head', 'sparse_2_4', 'tiny_vit']);
  });

  it.each(families)('%s: head detected, engine extraction agrees with the reference, W·f + b = logits', async (family) => {
    const dir = path.join(root, family);
    const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as Meta;
    const head = await headOf(dir);
    expect(head.form).toBe(meta.form);
    expect(head.featureDim).toBe(meta.featureDim);
    expect(head.classes).toBe(meta.classes);
    expect(head.factor?.rank ?? null).toBe(meta.factorRank ?? null);
    if (meta.headWeights) {
      Array.from(head.weights).forEach((w, i) => expect(w).toBeCloseTo(meta.headWeights![i], 6));
      Array.from(head.bias).forEach((b, i) => expect(b).toBeCloseTo(meta.headBias![i], 6));
    }

    const reference = npy(path.join(dir, 'logits.npy'));
    const { logits, features } = await extract(dir, meta.classes);
    const C = meta.classes;
    const d = meta.featureDim;
    const n = reference.length / C;
    expect(logits.length).toBe(n * C);
    expect(features.length).toBe(n * d);
    let agree = 0;
    let maxDiff = 0;
    let maxReconstruction = 0;
    let maxLogit = 0;
    for (let s = 0; s < n; s++) {
      const row = logits.subarray(s * C, (s + 1) * C);
      if (argmax(row) === argmax(reference.subarray(s * C, (s + 1) * C))) agree++;
      for (let c = 0; c < C; c++) {
        maxDiff = Math.max(maxDiff, Math.abs(row[c] - reference[s * C + c]));
        let z = head.bias[c];
        for (let j = 0; j < d; j++) z += head.weights[c * d + j] * features[s * d + j];
        // An integer-only head's logits are dequantized integers: W·f + b rounds to them (half a step), none saturate here.
        const q = head.quantizedLogits;
        if (q) expect(row[c] > q.min && row[c] < q.max, `${family}: logit saturated`).toBe(true);
        maxReconstruction = Math.max(maxReconstruction, Math.max(0, Math.abs(z - row[c]) - (q ? q.step / 2 : 0)));
        maxLogit = Math.max(maxLogit, Math.abs(row[c]));
      }
    }
    // PRUNELENS_FAMILY_FIGURES=1 prints the figures the README's family list quotes.
    if (process.env.PRUNELENS_FAMILY_FIGURES) console.log(`${family}: agreement ${(100 * agree / n).toFixed(1)} % of ${n}, max |Δlogit| ${maxDiff.toExponential(2)}, W·f+b rel. error ${(maxReconstruction / maxLogit).toExponential(2)}`);
    expect(agree / n, `${family}: prediction agreement`).toBeGreaterThanOrEqual(0.99);
    expect(maxDiff, `${family}: max |logit − reference|`).toBeLessThanOrEqual(meta.tolerance * Math.max(1, maxLogit));
    expect(maxReconstruction / maxLogit, `${family}: W·f + b vs logits`).toBeLessThan(1e-5);
  }, 60_000);
});
