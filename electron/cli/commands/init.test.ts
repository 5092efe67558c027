import { existsSync, readFileSync, rmSync } from 'node:fs';
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
