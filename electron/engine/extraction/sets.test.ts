import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src-shared/bundle/manifest';
import { declaredCorruptions, parseSetId, planSets } from './sets';

const manifest = (corrupted: unknown) =>
  parseManifest(
    JSON.stringify({
      name: 'b',
      classes: ['a', 'b'],
      input: { layout: 'NCHW', scale: 255, mean: [0], std: [1] },
      models: [{ id: 'dense', path: 'd.onnx', role: 'dense', method: 'Dense', sparsity: 0 }],
      data: { clean: { images: 'x.npy', labels: 'y.npy' }, corrupted },
    }),
  );

describe('run sets', () => {
  const generated = manifest({ generate: { corruptions: ['fog', 'gaussian_noise'], severities: [1, 3], seed: 1 } });

  it('plans clean, then corruption × severity in declaration order, the user’s priorities first', () => {
    expect(planSets(generated).map((s) => s.id)).toEqual(['clean', 'fog-s1', 'fog-s3', 'gaussian_noise-s1', 'gaussian_noise-s3']);
    expect(planSets(generated, { priority: ['gaussian_noise-s3', 'clean'] }).map((s) => s.id)).toEqual(['clean', 'gaussian_noise-s3', 'fog-s1', 'fog-s3', 'gaussian_noise-s1']);
    expect(planSets(generated, { corruptions: ['fog'], severities: [3, 5] }).map((s) => s.id)).toEqual(['clean', 'fog-s3']);
    expect(() => planSets(generated, { corruptions: ['snow'] })).toThrow(/'snow' is not in this bundle \(it has: fog, gaussian_noise\)/);
  });

  it('for a CIFAR-10-C folder, plans only the corruptions whose files are present', () => {
    const cifarC = manifest({ cifarC: { dir: 'c' } });
    expect(declaredCorruptions(cifarC).corruptions).toHaveLength(19);
    const sets = planSets(cifarC, { severities: [2] }, ['fog', 'labels', 'zoom_blur']);
    expect(sets.map((s) => s.id)).toEqual(['clean', 'zoom_blur-s2', 'fog-s2']); // canonical order, unknown stems ignored
    expect(sets.map((s) => s.group)).toEqual(['clean', 'benchmark', 'benchmark']);
    expect(() => planSets(cifarC, { corruptions: ['snow'] }, ['fog'])).toThrow(/it has: fog\)/);
  });

  it('parses set ids and refuses unknown ones', () => {
    expect(parseSetId('speckle_noise-s4')).toEqual({ id: 'speckle_noise-s4', corruption: 'speckle_noise', severity: 4, group: 'extra' });
    expect(() => parseSetId('fog-s9')).toThrow(/Unknown set 'fog-s9'/);
  });
});
