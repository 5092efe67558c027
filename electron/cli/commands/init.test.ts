import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeTestBundle, tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
import { initCommand } from './init';

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
    expect(manifest.input).toEqual({ layout: 'NCHW', scale: 255, mean: [0], std: [1] });
    expect(text).toMatch(/input normalisation: no preset fits \(1×8×8 input, 3 classes\)/);
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

  it('says when there are no models', async () => {
    const dir = tempDir();
    await expect(run(dir)).rejects.toThrow(/No \.onnx models/);
    expect(existsSync(path.join(dir, 'bundle.json'))).toBe(false);
  });
});
