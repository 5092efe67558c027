import { describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../../src-shared/bundle/manifest';
import { manifestProblems } from '../../../src-shared/bundle/manifest';
import { withDense, withParent } from './new-bundle-wizard';

const draft = (): BundleManifest => ({
  name: 'x',
  classes: ['a', 'b'],
  input: { layout: 'NCHW', scale: 255, mean: [0], std: [1] },
  models: [
    { id: 'dense', path: 'dense.onnx', role: 'dense', method: 'Dense' },
    { id: 'resnet', path: 'resnet.onnx', role: 'pruned', method: 'ResNet' },
    { id: 'resnet-50', path: 'resnet-50.onnx', role: 'pruned', method: 'GMP' },
  ],
  data: { clean: { images: 'x.npy', labels: 'y.npy' } },
});

describe('New bundle wizard: parent', () => {
  it('sets and clears a parent, and the result validates', () => {
    const set = withParent(draft(), 'resnet-50', 'resnet');
    expect(set.models.map((m) => m.parent)).toEqual([undefined, undefined, 'resnet']);
    expect(manifestProblems(set)).toEqual([]);
    expect(withParent(set, 'resnet-50', '').models.every((m) => !('parent' in m))).toBe(true);
  });

  it('drops the parent of the model chosen as dense, keeps the others', () => {
    const m = withDense(withParent(withParent(draft(), 'resnet-50', 'resnet'), 'resnet', 'resnet-50'), 'resnet');
    expect(m.models.map((x) => [x.id, x.role, x.parent])).toEqual([['dense', 'pruned', undefined], ['resnet', 'dense', undefined], ['resnet-50', 'pruned', 'resnet']]);
    expect(manifestProblems(m)).toEqual([]);
  });
});
