// Fuzz: any text given as bundle.json fails only with PruneLensError that names a JSON path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectOnlyPruneLensErrors } from '../../tools/fixtures/formats/fuzz-helpers';
import { PruneLensError } from '../base/errors';
import { parseManifest } from './manifest';

const valid = JSON.stringify({
  name: 'Fuzz',
  classes: ['a', 'b'],
  input: { layout: 'NCHW', scale: 0.00392156862745098, mean: [0.5], std: [0.25] },
  models: [{ id: 'dense', path: 'models/dense.onnx', role: 'dense', method: 'Dense', featureTensor: 'f' }],
  data: { clean: { images: 'data/x.npy', labels: 'data/y.npy', layout: 'NHWC' }, corrupted: { cifarC: { dir: 'CIFAR-10-C' } } },
});

describe('bundle.json parsing under mutation', () => {
  it('mutated text', () => {
    const mutated = fc
      .record({ at: fc.nat(valid.length), cut: fc.nat(valid.length), insert: fc.string({ maxLength: 12 }) })
      .map(({ at, cut, insert }) => valid.slice(0, at) + insert + valid.slice(Math.max(at, cut)));
    expectOnlyPruneLensErrors(mutated, (text) => parseManifest(text, 'bundle.json'));
  });

  it('arbitrary JSON values, and valid manifests with one field replaced', () => {
    expectOnlyPruneLensErrors(fc.jsonValue(), (v) => parseManifest(JSON.stringify(v) ?? 'null'));
    const paths = [['name'], ['classes'], ['input', 'scale'], ['models', 0, 'path'], ['models', 0, 'role'], ['data', 'clean'], ['data', 'clean', 'labels'], ['data', 'corrupted']];
    const replaced = fc.record({ path: fc.constantFrom(...paths), value: fc.jsonValue() }).map(({ path, value }) => {
      const m = JSON.parse(valid);
      let node = m;
      for (const key of path.slice(0, -1)) node = node[key];
      node[path[path.length - 1]] = value;
      return JSON.stringify(m);
    });
    expectOnlyPruneLensErrors(replaced, (text) => parseManifest(text));
  });

  it('names the JSON path of the first problem', () => {
    const m = JSON.parse(valid);
    m.data.clean = { images: '../outside.npy', format: 'npy' };
    try {
      parseManifest(JSON.stringify(m));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PruneLensError);
      const e = error as PruneLensError;
      expect(e.code).toBe('bad-manifest');
      expect(e.message).toContain('data.clean.images: must be a path inside the bundle folder');
      expect(e.message).toContain('data.clean.labels: is required for npy images');
    }
  });

  it('accepts an image folder without labels', () => {
    const m = JSON.parse(valid);
    m.data.clean = { images: 'data/test', format: 'image-folder' };
    expect(parseManifest(JSON.stringify(m)).data.clean.labels).toBeUndefined();
    m.data.clean = { images: 'data/test', labels: 'y.npy', format: 'image-folder' };
    expect(() => parseManifest(JSON.stringify(m))).toThrow(/data\.clean\.labels: must be omitted for an image folder/);
  });
});
