import { describe, expect, it } from 'vitest';
import { PruneLensError } from '../base/errors';
import { manifestProblems, parseManifest } from './manifest';

const valid = () => ({
  name: 'Demo',
  classes: ['a', 'b', 'c'],
  input: { layout: 'NCHW', scale: 255, mean: [0.5], std: [0.25] },
  models: [
    { id: 'dense', path: 'models/dense.onnx', role: 'dense', method: 'Dense' },
    { id: 'gmp-80', path: 'models/gmp-80.onnx', role: 'pruned', method: 'Global magnitude', sparsity: 0.8 },
  ],
  data: { clean: { images: 'data/x.npy', labels: 'data/y.npy' }, corrupted: { generate: { corruptions: ['fog', 'contrast'], severities: [1, 5], seed: 3 } } },
  limit: 1000,
});

function problemsOf(mutate: (m: ReturnType<typeof valid>) => unknown) {
  const m = valid();
  return manifestProblems(mutate(m) ?? m);
}

describe('bundle.json schema', () => {
  it('accepts a valid manifest and the CIFAR-10-C data variant', () => {
    expect(parseManifest(JSON.stringify(valid())).models).toHaveLength(2);
    expect(problemsOf((m) => ({ ...m, data: { ...m.data, corrupted: { cifarC: { dir: 'CIFAR-10-C' } } } }))).toEqual([]);
  });

  it('reports every problem with its JSON path', () => {
    const problems = problemsOf((m) => {
      (m.models[1] as Record<string, unknown>).role = 'dense';
      (m.models[1] as Record<string, unknown>).sparsity = 1.5;
      (m.input as Record<string, unknown>).std = [0.1, 0.2];
      (m.data.corrupted as { generate: { corruptions: string[] } }).generate.corruptions = ['fog', 'lava'];
    });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['models', 'models[1].sparsity', 'input.std']));
    expect(problems.find((p) => p.path === 'models')!.message).toMatch(/exactly one model with role "dense" \(found 2\)/);
    expect(JSON.stringify(problems)).toMatch(/data\.corrupted/);
  });

  it('names the bad entry of data.corrupted instead of "Invalid input" (its generate / cifarC union)', () => {
    const typo = problemsOf((m) => void (m.data.corrupted as { generate: { corruptions: string[] } }).generate.corruptions.push('gausian_noise'));
    expect(typo).toHaveLength(1);
    expect(typo[0].path).toBe('data.corrupted.generate.corruptions[2]');
    expect(typo[0].message).toMatch(/^"gausian_noise" is not allowed\. Invalid option: expected one of "gaussian_noise"/);
    const severity = problemsOf((m) => void Object.assign((m.data.corrupted as { generate: object }).generate, { severities: [1, 6] }));
    expect(severity.map((p) => p.path)).toEqual(['data.corrupted.generate.severities[1]']);
    const dir = problemsOf((m) => void Object.assign(m.data, { corrupted: { cifarC: { dir: '../elsewhere' } } }));
    expect(dir).toEqual([{ path: 'data.corrupted.cifarC.dir', message: 'must be a path inside the bundle folder (relative, without "..")' }]);
    // Neither shape: say which keys tell them apart.
    expect(problemsOf((m) => void Object.assign(m.data, { corrupted: { imagenetC: {} } }))).toEqual([{ path: 'data.corrupted', message: 'must hold exactly one of "generate", "cifarC"' }]);
  });

  it('takes an optional expectedAccuracy per model, as a fraction', () => {
    expect(problemsOf((m) => void Object.assign(m.models[0], { expectedAccuracy: 0.926 }))).toEqual([]);
    expect(problemsOf((m) => void Object.assign(m.models[0], { expectedAccuracy: 92.6 })).map((p) => p.path)).toEqual(['models[0].expectedAccuracy']);
  });

  it('rejects paths that leave the bundle folder', () => {
    for (const bad of ['../x.onnx', '/etc/passwd', 'a/../../b', 'C:\\x.onnx', '\\\\server\\share']) {
      const problems = problemsOf((m) => {
        m.models[0].path = bad;
      });
      expect(problems, bad).toEqual([{ path: 'models[0].path', message: expect.stringMatching(/inside the bundle folder/) }]);
    }
  });

  it('rejects duplicate ids, unknown keys, huge and non-finite numbers', () => {
    expect(problemsOf((m) => { m.models[1].id = 'dense'; }).map((p) => p.path)).toContain('models[1].id');
    expect(problemsOf((m) => ({ ...m, extra: 1 })).map((p) => p.path)).toContain('(root)');
    expect(problemsOf((m) => { m.limit = 1e300; }).map((p) => p.path)).toContain('limit');
    expect(problemsOf((m) => { (m.input as Record<string, unknown>).scale = Number.POSITIVE_INFINITY; }).map((p) => p.path)).toContain('input.scale');
  });

  it('checks that parent names another existing model, not the dense one, without cycles', () => {
    const withModels = (extra: Record<string, unknown>[]) => (m: ReturnType<typeof valid>) => ({ ...m, models: [...m.models, ...extra] });
    const model = (id: string, parent?: string) => ({ id, path: `models/${id}.onnx`, role: 'pruned', method: 'm', ...(parent ? { parent } : {}) });
    expect(problemsOf(withModels([model('a', 'gmp-80'), model('b', 'a')]))).toEqual([]);
    expect(problemsOf(withModels([model('a', 'nope')]))).toEqual([{ path: 'models[2].parent', message: 'names no model of this bundle ("nope")' }]);
    expect(problemsOf(withModels([model('a', 'a')]))).toEqual([{ path: 'models[2].parent', message: 'cannot name the model itself' }]);
    const cycle = problemsOf(withModels([model('a', 'b'), model('b', 'a')]));
    expect(cycle.map((p) => p.path)).toEqual(['models[2].parent', 'models[3].parent']);
    expect(cycle[0].message).toBe('forms a cycle (a → b → a)');
    expect(problemsOf((m) => { (m.models[0] as Record<string, unknown>).parent = 'gmp-80'; })).toEqual([{ path: 'models[0].parent', message: expect.stringMatching(/omitted for the dense model/) }]);
  });

  it('throws bad-json with the file name for broken JSON, and survives deep nesting', () => {
    expect(() => parseManifest('{ "name": ', 'b/bundle.json')).toThrow(/b\/bundle\.json is not valid JSON/);
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    let error: unknown;
    try {
      parseManifest(deep);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PruneLensError);
  });

  it('throws one bad-manifest error that lists all problems', () => {
    const m = valid() as Record<string, unknown>;
    delete m.classes;
    m.name = '';
    try {
      parseManifest(JSON.stringify(m), 'bundle.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PruneLensError);
      expect((error as PruneLensError).code).toBe('bad-manifest');
      expect((error as PruneLensError).message).toMatch(/2 problems: .*name.*classes/);
    }
  });
});
