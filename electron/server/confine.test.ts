// Serve mode's file confinement: `..`, absolute paths outside the roots and symlinks out are
// refused with `forbidden`, directly and through the WebSocket; every path-like input of the
// contract is covered.
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiMethodNames, apiMethods } from '../../src-shared/api/contract';
import { writeFixtureBundle } from '../../tools/testing/fixture-bundle';
import type { Engine } from '../engine/engine';
import { confineEngine, createPathConfinement, PATH_INPUT_KEY } from './confine';
import { useConfinedServer } from './testing/confined-server';

const TOKEN = 'confine-test-token-0123456789';
const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'prunelens-confine-')));
const root = path.join(base, 'root');
const outside = path.join(base, 'outside');
const rootPrefixTwin = path.join(base, 'root-twin'); // shares the root's name as a prefix

beforeAll(() => {
  for (const dir of [root, outside, rootPrefixTwin]) mkdirSync(dir);
  writeFixtureBundle({ dir: path.join(root, 'inside') });
  writeFixtureBundle({ dir: path.join(outside, 'secret') });
  writeFixtureBundle({ dir: path.join(rootPrefixTwin, 'twin') });
  symlinkSync(path.join(outside, 'secret'), path.join(root, 'link-out'));
  symlinkSync(outside, path.join(root, 'dir-link-out'));
  symlinkSync(path.join(root, 'inside'), path.join(root, 'link-in'));
});

const escapes = () => [
  `${root}/../outside/secret`,
  '../outside/secret',
  'inside/../inside',
  '..\\outside\\secret',
  path.join(outside, 'secret'),
  path.join(outside, 'secret', 'bundle.json'),
  path.join(rootPrefixTwin, 'twin'),
  '/etc/passwd',
  path.join(root, 'link-out'),
  path.join(root, 'link-out', 'bundle.json'),
  path.join(root, 'dir-link-out', 'secret'),
  path.join(root, 'dir-link-out', 'not-yet-there'),
  `${root}/inside\0/bundle.json`,
];

describe('createPathConfinement', () => {
  it('resolves paths inside the roots, relative ones against the working folder', async () => {
    const confinement = await createPathConfinement([root], root);
    expect(await confinement.check(path.join(root, 'inside'))).toBe(path.join(root, 'inside'));
    expect(await confinement.check('inside/bundle.json')).toBe(path.join(root, 'inside', 'bundle.json'));
    // A symlink that stays inside is followed; the engine gets the real path.
    expect(await confinement.check(path.join(root, 'link-in'))).toBe(path.join(root, 'inside'));
    // Not there yet: allowed (the engine answers not-found), as long as it would be inside.
    expect(await confinement.check(path.join(root, 'missing', 'bundle.json'))).toBe(path.join(root, 'missing', 'bundle.json'));
  });

  it('refuses .., absolute paths outside, prefix twins, symlinks out and NUL', async () => {
    const confinement = await createPathConfinement([root], root);
    for (const attempt of escapes()) await expect(confinement.check(attempt), attempt).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('accepts a root given through a symlink', async () => {
    const alias = path.join(base, 'alias');
    symlinkSync(root, alias);
    const confinement = await createPathConfinement([alias], base);
    expect(confinement.roots).toEqual([root]);
    expect(await confinement.check(path.join(alias, 'inside'))).toBe(path.join(root, 'inside'));
    await expect(confinement.check(path.join(alias, 'link-out'))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses a missing root', async () => {
    await expect(createPathConfinement([path.join(base, 'nope')])).rejects.toMatchObject({ code: 'not-found' });
  });
});

/** Whether a contract field holds text (a string, or a list of strings), unwrapping optional. */
function holdsText(schema: unknown): boolean {
  const def = (schema as { def: { type: string; innerType?: unknown; element?: unknown } }).def;
  if (def.type === 'optional' || def.type === 'nullable') return holdsText(def.innerType);
  if (def.type === 'array') return holdsText(def.element);
  return def.type === 'string';
}

describe('confineEngine covers every path-like input of the contract', () => {
  // Every text input of every method, sorted into "names a file" (checked) and "does not".
  const nonPathKeys = new Set(['models', 'corruptions', 'ep', 'priority', 'jobId', 'modelId', 'setId', 'corruption', 'modelIds', 'setIds', 'dense', 'shiftedSet']);

  it('has no text input it does not know how to treat (a new one must be classified here)', () => {
    const textKeys = apiMethodNames.flatMap((method) => Object.entries(apiMethods[method].input.shape).filter(([, field]) => holdsText(field)).map(([key]) => `${method}.${key}`));
    expect(textKeys).toContain('openBundle.path');
    expect(textKeys).toContain('startAnalysis.models');
    for (const entry of textKeys) {
      const key = entry.split('.')[1];
      expect(PATH_INPUT_KEY.test(key) || nonPathKeys.has(key), entry).toBe(true);
    }
  });

  it('refuses an outside path for each such method without reaching the engine', async () => {
    const calls = vi.fn();
    const fake = Object.fromEntries(apiMethodNames.map((m) => [m, async (input: unknown) => calls(m, input)])) as unknown as Engine;
    Object.assign(fake, { subscribe: () => () => undefined, dispose: async () => undefined });
    const confined = confineEngine(fake, await createPathConfinement([root], root)) as unknown as Record<string, (i: unknown) => Promise<unknown>>;
    const withPaths = apiMethodNames.filter((m) => Object.keys(apiMethods[m].input.shape).some((k) => PATH_INPUT_KEY.test(k)));
    expect(withPaths).toContain('openBundle');
    expect(withPaths).toContain('startAnalysis');
    for (const method of withPaths) {
      const keys = Object.keys(apiMethods[method].input.shape).filter((k) => PATH_INPUT_KEY.test(k));
      for (const key of keys) {
        await expect(confined[method]({ [key]: path.join(outside, 'secret') }), `${method}.${key}`).rejects.toMatchObject({ code: 'forbidden' });
      }
      await confined[method]({ modelId: 'dense', ...Object.fromEntries(keys.map((k) => [k, 'inside'])) });
      expect(calls).toHaveBeenLastCalledWith(method, expect.objectContaining({ modelId: 'dense', [keys[0]]: path.join(root, 'inside') }));
    }
    expect(calls).toHaveBeenCalledTimes(withPaths.length);
  });
});

describe('serve mode refuses bundles outside the roots', () => {
  const socket = useConfinedServer(root, TOKEN);

  it('answers forbidden for each escape attempt over the WebSocket', async () => {
    for (const attempt of escapes()) {
      const response = await socket.call('openBundle', { path: attempt });
      expect(response, attempt).toMatchObject({ kind: 'error', error: { code: 'forbidden' } });
      if (response.kind === 'error') expect(response.error.message).toContain(root);
    }
  });

  it('still opens bundles inside, and reports missing ones as not-found', async () => {
    expect(await socket.call('openBundle', { path: 'inside' })).toMatchObject({ kind: 'result', value: { name: 'Tiny fixture bundle', dir: path.join(root, 'inside') } });
    expect(await socket.call('openBundle', { path: path.join(root, 'link-in', 'bundle.json') })).toMatchObject({ kind: 'result' });
    expect(await socket.call('openBundle', { path: path.join(root, 'missing') })).toMatchObject({ kind: 'error', error: { code: 'not-found' } });
  });
});
