// Bundles that cannot give meaningful results are refused up front, with a clear message, instead
// of finishing "done" and failing later in a view: no images, or heads whose outputs are not the
// bundle's classes.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTestBundle, tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
import { folderStore } from './bundle-archive-store';
import { loadBundleManifest } from './bundle-loader';
import { checkBundleData } from '../data-sources/data-source-checks';
import { createEngine } from '../engine';

const engine = createEngine({ transport: 'in-process', startupBundle: null, cacheDir: path.join(tempDir(), 'cache'), workers: 1 });
afterAll(() => engine.dispose());

describe('early refusals', () => {
  it('empty data: validate reports it, and an analysis is refused before it starts', async () => {
    const { dir } = makeTestBundle(tempDir(), { n: 0, cifarRows: null });
    const { findings } = await checkBundleData(folderStore(dir), await loadBundleManifest(dir));
    expect(findings).toContainEqual({ level: 'error', where: 'data.clean', message: 'data/images.npy holds no images: there is nothing to analyse.' });
    await expect(engine.startAnalysis({ path: dir })).rejects.toMatchObject({ code: 'bad-data', message: 'data/images.npy holds no images: there is nothing to analyse.' });
  });

  it('head outputs ≠ class count: an analysis is refused before it starts, naming the models', async () => {
    const { dir } = makeTestBundle(tempDir(), { n: 6, classes: ['a', 'b'], cifarRows: null });
    await expect(engine.startAnalysis({ path: dir })).rejects.toMatchObject({
      code: 'bad-manifest',
      message: "model 'dense' has 3 outputs, model 'l1-50' has 3 outputs, model 'channels' has 3 outputs, but bundle.json lists 2 classes.",
    });
  });
});
