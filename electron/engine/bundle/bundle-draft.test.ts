// The New bundle… wizard's engine side: draft from a folder, validate, save, refuse overwrites.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { draftBundle, saveBundle } from './bundle-draft';
import { loadBundle } from './bundle-loader';

function folderWithoutManifest(): string {
  const dir = writeImageFixtureBundle({ count: 30 });
  rmSync(path.join(dir, 'bundle.json'));
  return dir;
}

describe('draft and save a bundle', () => {
  it('drafts both models, the denser one as dense, and the test data', async () => {
    const dir = folderWithoutManifest();
    const draft = await draftBundle(dir);
    expect(draft.exists).toBe(false);
    expect(draft.manifest.models.map((m) => [m.path, m.role])).toEqual([['models/dense.onnx', 'dense'], ['models/pruned.onnx', 'pruned']]);
    expect(draft.manifest.data.clean.images).toBe('data/images.npy');
    expect(draft.notes.join(' ')).toMatch(/placeholders/);
    expect(draft.normalisation).toMatchObject({ origin: 'guessed', preset: expect.any(String) });
  });

  it('saves a reviewed manifest after validating it, then it opens', async () => {
    const dir = folderWithoutManifest();
    const { manifest } = await draftBundle(dir);
    const noDense = { ...manifest, models: manifest.models.map((m) => ({ ...m, role: 'pruned' })) };
    await expect(saveBundle(dir, noDense)).rejects.toMatchObject({ code: 'bad-manifest', message: expect.stringMatching(/exactly one model with role "dense"/) });
    const missing = { ...manifest, models: [...manifest.models, { id: 'ghost', path: 'models/ghost.onnx', role: 'pruned', method: 'x' }] };
    await expect(saveBundle(dir, missing)).rejects.toMatchObject({ code: 'not-found' });
    await saveBundle(dir, { ...manifest, name: 'Reviewed' });
    expect(JSON.parse(readFileSync(path.join(dir, 'bundle.json'), 'utf8')).name).toBe('Reviewed');
    expect((await loadBundle(dir)).summary.models).toHaveLength(2);
    await expect(saveBundle(dir, manifest)).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(/already exists/) });
    await saveBundle(dir, { ...manifest, name: 'Again' }, true);
    expect((await draftBundle(dir)).exists).toBe(true);
  });
});
