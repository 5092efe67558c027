// Models whose input is not the plain dynamic-batch float32 one: a fixed batch of 1 or 7 runs in
// chunks of it and gives the dynamic model's results; a float16 input is fed as float16. And
// `--models` on a bundle of six models (one of them unreadable) in analyze and report. `validate`
// accepts what analyze runs and refuses, in advance, the inputs analyze cannot feed.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../src-shared/api/contract';
import { readNpy } from '../../src-shared/formats/npy';
import { writeImageFixtureBundle } from '../../tools/testing/fixture-bundle';
import { decodeOnnxModel, onnxSchema } from '../../src-shared/onnx/decode-model';
import { fixedBatchVariant, float16InputVariant } from '../../tools/testing/input-variants';
import { tinyClassifierModel } from '../../tools/testing/tiny-onnx';
import { runCliCaptured } from '../../tools/testing/run-cli';
import { createEngine } from '../engine/engine';

const COUNT = 300; // batches of 256 + 44: chunks of 7 leave a padded last chunk in both
const bundle = writeImageFixtureBundle({ count: COUNT, corruptions: ['contrast'], severities: [2] });
const dense = readFileSync(path.join(bundle, 'models', 'dense.onnx'));
const variants: Record<string, Uint8Array> = { b1: fixedBatchVariant(dense, 1), b7: fixedBatchVariant(dense, 7), f16in: float16InputVariant(dense) };
const work = mkdtempSync(path.join(tmpdir(), 'prunelens-inputs-'));
const engine = createEngine({ transport: 'in-process', cacheDir: path.join(work, 'cache'), workers: 2 });
const logits: Record<string, Float32Array> = {};

beforeAll(async () => {
  const manifest = JSON.parse(readFileSync(path.join(bundle, 'bundle.json'), 'utf8'));
  for (const [id, bytes] of Object.entries(variants)) {
    writeFileSync(path.join(bundle, 'models', `${id}.onnx`), bytes);
    manifest.models.push({ id, path: `models/${id}.onnx`, role: 'pruned', method: id, sparsity: 0 });
  }
  writeFileSync(path.join(bundle, 'models', 'broken.onnx'), 'not onnx');
  manifest.models.push({ id: 'broken', path: 'models/broken.onnx', role: 'pruned', method: 'unreadable', sparsity: 0 });
  writeFileSync(path.join(bundle, 'bundle.json'), JSON.stringify(manifest));
  const events: ApiEvent[] = [];
  engine.subscribe((e) => events.push(e));
  const { jobId } = await engine.startAnalysis({ path: bundle, models: ['pruned', ...Object.keys(variants)] });
  for (let i = 0; i < 1200 && !events.some((e) => e.type === 'job-finished' && e.jobId === jobId); i++) await new Promise((r) => setTimeout(r, 50));
  expect(events.find((e) => e.type === 'job-finished')).toMatchObject({ status: 'done' });
  for (const id of ['dense', ...Object.keys(variants)]) {
    const file = await engine.exportArray({ path: bundle, modelId: id, setId: 'contrast-s2', kind: 'logits' });
    logits[id] = readNpy(file.bytes).data as Float32Array;
  }
}, 120_000);

afterAll(() => engine.dispose());

describe('model inputs', () => {
  it('fixed batch 1 and 7 give the dynamic-batch model’s logits', () => {
    for (const id of ['b1', 'b7']) {
      expect(logits[id]).toHaveLength(COUNT * 3);
      const worst = logits[id].reduce((m, v, i) => Math.max(m, Math.abs(v - logits.dense[i])), 0);
      expect(worst, id).toBeLessThan(1e-5);
    }
  });

  it('a float16 input is fed as float16: logits within float16 input rounding', () => {
    const scale = logits.dense.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const worst = logits.f16in.reduce((m, v, i) => Math.max(m, Math.abs(v - logits.dense[i])), 0);
    expect(worst).toBeGreaterThan(0); // really rounded to float16, not fed the float32 values
    expect(worst).toBeLessThan(scale * 5e-3);
  });

  it('the evaluation table lists exactly the models of the run', async () => {
    expect((await engine.getEvaluation({ path: bundle })).models.map((m) => m.id)).toEqual(['dense', 'pruned', 'b1', 'b7', 'f16in']);
  });

  it('--models works in analyze and report on a six-model bundle (an unselected broken model is never read)', async () => {
    const out = path.join(work, 'analysis');
    const cache = path.join(work, 'cli-cache');
    const analyze = await runCliCaptured(['analyze', bundle, '--out', out, '--cache', cache, '--no-parquet', '--models', 'b7,f16in']);
    expect(analyze.stderr).not.toMatch(/Unknown model/);
    expect(analyze.code).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.bundle.models.map((m: { id: string }) => m.id)).toEqual(['dense', 'b7', 'f16in']);
    expect(new Set(summary.cells.map((c: { model: string }) => c.model))).toEqual(new Set(['dense', 'b7', 'f16in']));
    const report = await runCliCaptured(['report', bundle, '--out', path.join(work, 'report.html'), '--cache', cache, '--models', 'pruned,b1']);
    expect(report.stderr).not.toMatch(/Unknown model/);
    expect(report.code).toBe(0);
    const html = readFileSync(path.join(work, 'report.html'), 'utf8');
    expect(html).toContain('<h3>b1');
    expect(html).not.toContain('<h3>f16in'); // no card or table row for models left out (provenance still hashes every file)
    expect(html).not.toMatch(/<td class="model"[^>]*>f16in</);
    const all = await runCliCaptured(['analyze', bundle, '--out', out, '--cache', cache, '--no-parquet']);
    expect(all.code).toBe(1);
    expect(all.stderr).toMatch(/broken\.onnx/);
  }, 120_000);

  it('validate accepts fixed-batch and float16 inputs, and refuses integer or wrong-rank inputs analyze could not feed', async () => {
    const ok = await runCliCaptured(['validate', bundle, '--json']);
    const report = JSON.parse(ok.stdout);
    const errors = report.findings.filter((f: { level: string }) => f.level === 'error').map((f: { where: string; message: string }) => `${f.where}: ${f.message}`);
    // The only error is the unreadable model: b1, b7 (fixed batch) and f16in (float16 input) pass.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^models\[5\] \(broken\): /);
    const manifest = JSON.parse(readFileSync(path.join(bundle, 'bundle.json'), 'utf8'));
    const intInput = decodeOnnxModel(dense);
    intInput.graph!.input![0].type!.tensorType!.elemType = 7;
    const dir = writeImageFixtureBundle({ count: 30 });
    writeFileSync(path.join(dir, 'models', 'int.onnx'), onnxSchema.ModelProto.encode(intInput).finish());
    writeFileSync(path.join(dir, 'models', 'flat.onnx'), tinyClassifierModel([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1]], [0, 0, 0]));
    writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify({ ...manifest, models: [manifest.models[0], { ...manifest.models[1], id: 'int', path: 'models/int.onnx' }, { ...manifest.models[1], id: 'flat', path: 'models/flat.onnx' }], data: { clean: manifest.data.clean } }));
    const bad = await runCliCaptured(['validate', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/models\[1\] \(int\): input 'input' is int64; PruneLens runs models whose image input are float32, float16, bfloat16 or float64/);
    expect(bad.stdout).toMatch(/models\[2\] \(flat\): The model input has 2 dimensions \[batch, 4\]; PruneLens feeds images as 4-D NCHW tensors/);
    const analyze = await runCliCaptured(['analyze', dir, '--out', path.join(work, 'bad'), '--cache', path.join(work, 'bad-cache'), '--models', 'flat']);
    expect(analyze.code).toBe(1);
    expect(analyze.stderr).toMatch(/The model input has 2 dimensions \[batch, 4\]/);
  });
});
