import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeTestBundle, onnxFixtureDir, tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
import { writeNpy } from '../../../src-shared/formats/npy';
import { twoInputModel } from '../../../tools/testing/two-input-model';
import { validateCommand } from './validate';

async function run(bundle: string, json = false) {
  let text = '';
  const stdout = new Writable({ write(chunk, _e, done) { text += chunk.toString(); done(); } });
  const code = await validateCommand.run({ positionals: [bundle], values: { json }, stdout, stderr: stdout, signal: new AbortController().signal });
  return { code, text };
}

describe('prunelens validate', () => {
  it('passes a consistent bundle', async () => {
    const { dir } = makeTestBundle(tempDir());
    const { code, text } = await run(dir);
    expect(text).toContain("model dense: Gemm 'fc': 8-d 'features' → 3 classes");
    expect(text).toMatch(/OK/);
    expect(code).toBe(0);
  });

  it('prints every problem and exits 1', async () => {
    const { dir, manifest } = makeTestBundle(tempDir(), { n: 6, cifarRows: 25, classes: ['a', 'b'] });
    copyFileSync(path.join(onnxFixtureDir, 'headless.onnx'), path.join(dir, 'models', 'l1-50.onnx'));
    writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify({ ...manifest, input: { layout: 'NHWC', scale: 255, mean: [0.5], std: [0.25] } }));
    const { code, text } = await run(dir, true);
    expect(code).toBe(1);
    const report = JSON.parse(text);
    const messages = report.findings.map((f: { where: string; message: string }) => `${f.where}: ${f.message}`).join('\n');
    expect(messages).toMatch(/models\[1\] \(l1-50\): .*the last node producing 'y' is Conv 'conv'/);
    expect(messages).toMatch(/models\[0\] \(dense\): the head has 3 outputs but bundle\.json lists 2 classes/);
    expect(messages).toMatch(/data\.clean\.labels: labels range over 0…2, but bundle\.json lists 2 classes/);
    expect(messages).toMatch(/CIFAR-10-C\/labels\.npy: 25 rows = 5 × 5 images per severity, but the clean set has 6 images/);
    expect(messages).toMatch(/models\[0\] \(dense\): model input \[N, 1, 8, 8\] \(NHWC\) expects channels 8, height 1/);
  });

  it('reports a label count that does not match the images', async () => {
    const { dir } = makeTestBundle(tempDir(), { n: 6 });
    writeFileSync(path.join(dir, 'data', 'labels.npy'), writeNpy(Int32Array.from([0, 1, 2, 0, 1]), [5]));
    const { code, text } = await run(dir);
    expect(code).toBe(1);
    expect(text).toMatch(/error {3}data\.clean: .*labels\.npy has 5 labels but .*images\.npy has 6 images\./);
  });

  it('checks model input shape against the images', async () => {
    const { dir, manifest } = makeTestBundle(tempDir(), { cifarRows: null });
    writeFileSync(path.join(dir, 'data', 'images.npy'), writeNpy(new Uint8Array(10 * 49), [10, 7, 7]));
    const { code, text } = await run(dir);
    expect(code).toBe(1);
    expect(text).toContain('model input [N, 1, 8, 8] (NCHW) expects height 8, width 8; the images are 7×7×1 (H×W×C).');
    writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify({ ...manifest, data: { clean: { images: 'data/images.npy' } } }).replace('"images":"data/images.npy"', '"images":"data/images.npy","format":"npy"'));
    const bad = await run(dir);
    expect(bad.text).toContain('data.clean.labels: is required for npy images');
    expect(JSON.parse(readFileSync(path.join(dir, 'bundle.json'), 'utf8')).data.clean.format).toBe('npy');
  });

  it('fails a bundle whose model has a second input, naming both inputs (onnxruntime alone would run it)', async () => {
    const { dir } = makeTestBundle(tempDir());
    writeFileSync(path.join(dir, 'models', 'dense.onnx'), twoInputModel());
    const { code, text } = await run(dir);
    expect(code).toBe(1);
    expect(text).toMatch(/error {3}models\[0\] \(dense\): .*the model has 2 inputs \('x' float \[N, 1, 4, 4\], 'mask' float \[N, 3\]\); PruneLens feeds one image input \('x'\) and cannot feed 'mask'/);
    const report = JSON.parse((await run(dir, true)).text);
    expect(report.ok).toBe(false);
    expect(report.findings.filter((f: { message: string }) => /2 inputs/.test(f.message)).map((f: { where: string }) => f.where)).toEqual(['models[0] (dense)']);
    // The head is still found and described: only the input is refused.
    expect(report.models[0]).toMatchObject({ id: 'dense', head: "Gemm 'head': 6-d 'features' → 3 classes" });
  });

  it('measures declared sparsity against the parent, and never reports a negative share', async () => {
    const { dir, manifest } = makeTestBundle(tempDir());
    copyFileSync(path.join(dir, 'models', 'dense.onnx'), path.join(dir, 'models', 'big.onnx'));
    const models = manifest.models as Record<string, unknown>[];
    // channels (structured) keeps (18 + 90 + 15) of (36 + 288 + 24) dense weights: 64.7 % removed
    models[2].sparsity = 0.647;
    // 'big' has the dense model's weights, more than its parent 'channels': no removed share exists
    models.push({ id: 'big', path: 'models/big.onnx', role: 'pruned', method: 'x', sparsity: 0.5, parent: 'channels' });
    models.push({ id: 'ft', path: 'models/channels.onnx', role: 'pruned', method: 'y', sparsity: 0.3, parent: 'channels' });
    writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest));
    const report = JSON.parse((await run(dir, true)).text);
    const sparsity = report.findings.filter((f: { where: string }) => /\.sparsity$/.test(f.where)).map((f: { where: string; message: string }) => `${f.where}: ${f.message}`);
    expect(sparsity).toEqual([
      "models[3].sparsity: declared 0.5, but the model has more non-zero weights than its parent 'channels' (348 vs 123); name the model it was pruned from in \"parent\".",
      "models[4].sparsity: declared 0.3, but 0.0% of the weights of its parent 'channels' are zero or removed.",
    ]);
    expect(JSON.stringify(report)).not.toMatch(/-\d+(\.\d+)?%/);
  });
});
