import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTestBundle, tempDir } from '../../../tools/fixtures/formats/make-test-bundle';
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
    expect(unstructured.card!.shrink).toMatchObject({ parent: 'dense', sameArchitecture: true, structurallyPruned: false, keptParameters: 1, unmatched: [], unmatchedParent: [] });
    expect(channels.card!.shrink!.structurallyPruned).toBe(true);
    expect(channels.card!.shrink!.layers.map((l) => [l.name, l.parentOutChannels, l.outChannels])).toEqual([['conv1', 4, 2], ['conv2', 8, 5], ['fc', 3, 3]]);
    expect(channels.card!.shrink!.keptParameters).toBeCloseTo((18 + 90 + 15) / (36 + 288 + 24), 10);
  });

  it('compares a model with the parent it names, not with the dense model', async () => {
    const { dir, manifest } = makeTestBundle(tempDir());
    copyFileSync(path.join(dir, 'models', 'channels.onnx'), path.join(dir, 'models', 'channels-ft.onnx'));
    copyFileSync(path.join(dir, 'models', 'dense.onnx'), path.join(dir, 'models', 'widened.onnx'));
    const models = manifest.models as Record<string, unknown>[];
    models.push({ id: 'channels-ft', path: 'models/channels-ft.onnx', role: 'pruned', method: 'fine-tuned', parent: 'channels' });
    // a model "pruned from" a smaller one: layers grew, so it is not a pruned copy and no share is removed
    models.push({ id: 'widened', path: 'models/widened.onnx', role: 'pruned', method: 'odd', parent: 'channels' });
    writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest));
    const { summary } = await loadBundle(dir);
    const ft = summary.models.find((m) => m.id === 'channels-ft')!.card!.shrink!;
    expect(ft).toMatchObject({ parent: 'channels', sameArchitecture: true, structurallyPruned: false, keptParameters: 1 });
    expect(ft.layers.map((l) => [l.name, l.parentOutChannels, l.outChannels])).toEqual([['conv1', 2, 2], ['conv2', 5, 5], ['fc', 3, 3]]);
    const widened = summary.models.find((m) => m.id === 'widened')!.card!.shrink!;
    expect(widened).toMatchObject({ parent: 'channels', sameArchitecture: false, structurallyPruned: false });
    expect(summary.models.find((m) => m.id === 'channels')!.card!.shrink!.parent).toBe('dense');
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
