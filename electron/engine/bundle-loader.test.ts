import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTestBundle, tempDir } from '../../tools/fixtures/formats/make-test-bundle';
import { loadBundle } from './bundle-loader';

describe('loadBundle', () => {
  it('reads every model card with head, sparsity and shrink vs the dense model', async () => {
    const { dir } = makeTestBundle(tempDir());
    const { summary, manifest } = await loadBundle(path.join(dir, 'bundle.json'));
    expect(summary.dir).toBe(dir);
    expect(manifest.models).toHaveLength(3);
    const [dense, unstructured, channels] = summary.models;
    expect(dense.card!.head).toMatchObject({ featureTensor: 'features', featureDim: 8, logitsTensor: 'logits', classes: 3 });
    expect(dense.card!.shrink).toBeUndefined();
    expect(unstructured.card!.weightSparsity).toBeCloseTo(0.5, 1);
    expect(unstructured.card!.shrink).toMatchObject({ matchedBy: 'name', structurallyPruned: false, keptParameters: 1 });
    expect(channels.card!.shrink!.structurallyPruned).toBe(true);
    expect(channels.card!.shrink!.layers.map((l) => [l.name, l.denseOutChannels, l.outChannels])).toEqual([['conv1', 4, 2], ['conv2', 8, 5], ['fc', 3, 3]]);
    expect(channels.card!.shrink!.keptParameters).toBeCloseTo((18 + 90 + 15) / (36 + 288 + 24), 10);
  });

  it('reports an unreadable model on that model and still opens', async () => {
    const { dir } = makeTestBundle(tempDir());
    writeFileSync(path.join(dir, 'models', 'l1-50.onnx'), 'not onnx');
    const { summary } = await loadBundle(dir);
    expect(summary.models[1].error?.code).toBe('bad-onnx');
    expect(summary.models[0].card).toBeDefined();
  });

  it('names every manifest problem', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify({ name: 'x', classes: ['a'], models: [] }));
    await expect(loadBundle(dir)).rejects.toThrow(/bundle\.json has \d+ problems: classes: .*models/);
  });
});
