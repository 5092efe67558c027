import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeTestBundle, tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
import { draftMethods } from '../../engine/bundle/bundle-scaffold';
import { initCommand } from './init';
import { validateBundle } from './validate';

async function run(folder: string, values: Record<string, string | boolean> = {}) {
  let text = '';
  const stdout = new Writable({ write(chunk, _e, done) { text += chunk.toString(); done(); } });
  const code = await initCommand.run({ positionals: [folder], values, stdout, stderr: stdout, signal: new AbortController().signal });
  return { code, text };
}

describe('prunelens init', () => {
  it('scaffolds a bundle.json that validates, picking the dense model by non-zeros', async () => {
    const { dir } = makeTestBundle(tempDir());
    rmSync(path.join(dir, 'bundle.json'));
    const { text } = await run(dir);
    expect(text).toContain('It validates.');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'bundle.json'), 'utf8'));
    expect(manifest.models.map((m: { id: string; role: string }) => [m.id, m.role])).toEqual([['channels', 'pruned'], ['dense', 'dense'], ['l1-50', 'pruned']]);
    expect(manifest.models[2].sparsity).toBeGreaterThan(0.4);
    expect(manifest.data).toEqual({ clean: { images: 'data/images.npy', labels: 'data/labels.npy', format: 'npy' }, corrupted: { cifarC: { dir: 'CIFAR-10-C' } } });
    expect(manifest.classes).toHaveLength(3);
    expect(manifest.input).toEqual({ layout: 'NCHW', scale: 255, mean: [0], std: [1], guessed: expect.stringMatching(/guessed by prunelens init from 1×8×8 input, 3 classes/) });
    expect(text).toMatch(/input normalisation: no preset fits \(1×8×8 input, 3 classes\)/);
    // The guess is marked in bundle.json, and validate says so until it is confirmed.
    const marked = await validateBundle(dir);
    expect(marked.findings).toContainEqual(expect.objectContaining({ level: 'warning', where: 'input.guessed' }));
    delete manifest.input.guessed;
    writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest));
    expect((await validateBundle(dir)).findings.filter((f) => f.where === 'input.guessed')).toEqual([]);
  });

  it('takes the normalisation from --preset, --mean/--std, a --normalisation file or the folder\'s preprocessor_config.json', async () => {
    const { dir } = makeTestBundle(tempDir());
    const input = async (values: Record<string, string | boolean>) => {
      const { text } = await run(dir, { force: true, ...values });
      return { input: JSON.parse(readFileSync(path.join(dir, 'bundle.json'), 'utf8')).input, text };
    };
    expect((await input({ preset: 'fashion-mnist' })).input).toEqual({ layout: 'NCHW', scale: 255, mean: [0.286], std: [0.353] });
    expect((await input({ mean: '0.5', std: '0.25', scale: '1', layout: 'NHWC' })).input).toEqual({ layout: 'NHWC', scale: 1, mean: [0.5], std: [0.25] });
    const file = path.join(tempDir(), 'norm.txt');
    writeFileSync(file, 'transforms.Normalize((0.1307,), (0.3081,))');
    const fromFile = await input({ normalisation: file });
    expect(fromFile.input).toEqual({ layout: 'NCHW', scale: 255, mean: [0.1307], std: [0.3081] });
    expect(fromFile.text).toMatch(/input normalisation: MNIST \(given/);
    writeFileSync(path.join(dir, 'preprocessor_config.json'), JSON.stringify({ do_rescale: true, rescale_factor: 1 / 255, do_normalize: true, image_mean: [0.5], image_std: [0.5] }));
    const hf = await input({});
    expect(hf.input).toEqual({ layout: 'NCHW', scale: 255, mean: [0.5], std: [0.5] });
    expect(hf.text).toMatch(/preprocessor_config\.json: Hugging Face/);
  });

  it('rejects misused normalisation flags as usage errors', async () => {
    const { dir } = makeTestBundle(tempDir());
    const usage = { code: 'bad-request' };
    await expect(run(dir, { force: true, preset: 'imagenette' })).rejects.toMatchObject({ ...usage, message: expect.stringMatching(/expected one of imagenet, cifar10/) });
    await expect(run(dir, { force: true, preset: 'imagenet' })).rejects.toMatchObject({ ...usage, message: expect.stringMatching(/3 channels; the model has 1/) });
    await expect(run(dir, { force: true, preset: 'mnist', mean: '0.1', std: '0.2' })).rejects.toMatchObject({ ...usage, message: expect.stringMatching(/give only one/) });
    await expect(run(dir, { force: true, mean: '0.1' })).rejects.toMatchObject({ ...usage, message: expect.stringMatching(/go together/) });
    await expect(run(dir, { force: true, mean: '0.1,0.2', std: '0.2' })).rejects.toMatchObject({ ...usage, message: expect.stringMatching(/--mean has 2 values but --std has 1/) });
    await expect(run(dir, { force: true, layout: 'CHW' })).rejects.toMatchObject({ ...usage, message: expect.stringMatching(/NCHW or NHWC/) });
  });

  it('refuses to overwrite without --force, and honours --dense', async () => {
    const { dir } = makeTestBundle(tempDir());
    await expect(run(dir)).rejects.toThrow(/bundle\.json already exists; use --force/);
    await run(dir, { force: true, dense: 'channels' });
    const manifest = JSON.parse(readFileSync(path.join(dir, 'bundle.json'), 'utf8'));
    expect(manifest.models.find((m: { role: string }) => m.role === 'dense').id).toBe('channels');
    await expect(run(dir, { force: true, dense: 'nope' })).rejects.toThrow(/--dense nope: no such model/);
  });

  it('writes each pruned model\'s sparsity as validate measures it (weights only), so validate raises no sparsity warning', async () => {
    const { dir } = makeTestBundle(tempDir());
    await run(dir, { force: true });
    const manifest = JSON.parse(readFileSync(path.join(dir, 'bundle.json'), 'utf8'));
    const report = await validateBundle(dir);
    const pruned = manifest.models.filter((m: { role: string }) => m.role === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const m of pruned as { id: string; sparsity: number }[]) {
      const measured = 1 - report.models.find((r) => r.id === m.id)!.nonZeroWeightsVsDense!;
      expect(m.sparsity).toBeCloseTo(measured, 4); // biases and normalisation parameters, never pruned, do not dilute it
    }
    expect(report.findings.filter((f) => f.where.endsWith('.sparsity'))).toEqual([]);
  });

  it('gives numbered files of one method (gmp-50, gmp-80) a shared method, so they form a sparsity sweep', async () => {
    const { dir } = makeTestBundle(tempDir());
    for (const name of ['gmp-50', 'gmp-80']) copyFileSync(path.join(dir, 'models', 'l1-50.onnx'), path.join(dir, 'models', `${name}.onnx`));
    const { text } = await run(dir, { force: true });
    const manifest = JSON.parse(readFileSync(path.join(dir, 'bundle.json'), 'utf8'));
    const methods = Object.fromEntries(manifest.models.map((m: { id: string; method: string }) => [m.id, m.method]));
    expect(methods).toEqual({ channels: 'channels', dense: 'Dense', 'gmp-50': 'gmp', 'gmp-80': 'gmp', 'l1-50': 'l1-50' });
    expect(text).toContain('or the name its numbered files share ("gmp": one sparsity sweep each)');
    expect(Object.fromEntries(draftMethods(['l1-channels-50', 'l1-channels-90', 'gmp_0.5', 'gmp_0.9', 'resnet18', 'resnet34', 'kd-2', '50', '80']))).toEqual({
      'l1-channels-50': 'l1-channels', 'l1-channels-90': 'l1-channels', 'gmp_0.5': 'gmp', 'gmp_0.9': 'gmp', resnet18: 'resnet18', resnet34: 'resnet34', 'kd-2': 'kd-2', 50: '50', 80: '80',
    });
  });

  it('says when there are no models', async () => {
    const dir = tempDir();
    await expect(run(dir)).rejects.toThrow(/No \.onnx models/);
    expect(existsSync(path.join(dir, 'bundle.json'))).toBe(false);
  });
});
