// Hostile bundle.json files, opened by a remote client through the serve-mode WebSocket: each is
// refused with a specific error (code + JSON path or size), and the server keeps answering.
import { closeSync, mkdirSync, mkdtempSync, openSync, realpathSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixtureBundle } from '../../tools/testing/fixture-bundle';
import { useConfinedServer } from './testing/confined-server';

const TOKEN = 'malicious-bundle-token-0123456789';
const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'prunelens-hostile-')));

const valid = () => ({
  name: 'hostile',
  classes: ['a', 'b'],
  input: { layout: 'NHWC', scale: 255, mean: [0.5], std: [0.25] },
  models: [{ id: 'dense', path: 'models/dense.onnx', role: 'dense', method: 'Dense' }],
  data: { clean: { images: 'data/images.npy', labels: 'data/labels.npy' } },
});

function bundle(name: string, text: string): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'bundle.json'), text);
  return dir;
}

const nest = (depth: number, open: string, close: string, inner: string) => open.repeat(depth) + inner + close.repeat(depth);

describe('hostile bundle.json through serve mode', () => {
  const socket = useConfinedServer(root, TOKEN);

  const open = async (dir: string) => {
    const response = await socket.call('openBundle', { path: dir });
    if (response.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(response).slice(0, 200)}`);
    return response.error;
  };

  it('huge and non-finite numbers', async () => {
    const text = JSON.stringify({ ...valid(), limit: 1e300, models: [{ ...valid().models[0], sparsity: 1e308 }] }).replace('"scale":255', '"scale":1e999');
    const error = await open(bundle('huge-numbers', text));
    expect(error.code).toBe('bad-manifest');
    expect(error.message).toMatch(/input\.scale/);
    expect(error.message).toMatch(/models\[0\]\.sparsity/);
    expect(error.message).toMatch(/limit/);
  });

  it('deep nesting (200 000 levels) where strings and objects are expected', async () => {
    const arrays = JSON.stringify(valid()).replace('"classes":["a","b"]', `"classes":${nest(200_000, '[', ']', '')}`);
    expect((await open(bundle('deep-arrays', arrays))).message).toMatch(/classes/);
    const objects = JSON.stringify(valid()).replace('"name":"hostile"', `"name":${nest(200_000, '{"a":', '}', '1')}`);
    const error = await open(bundle('deep-objects', objects));
    expect(error.code).toBe('bad-manifest');
    expect(error.details).toMatchObject({ jsonPath: 'name' });
  });

  it('paths that leave the bundle folder', async () => {
    const manifest = valid();
    manifest.models[0].path = '../../etc/passwd';
    manifest.data.clean.images = '/etc/shadow';
    manifest.data.clean.labels = 'C:\\Windows\\win.ini';
    const error = await open(bundle('outside-paths', JSON.stringify(manifest)));
    expect(error.code).toBe('bad-manifest');
    for (const where of ['models[0].path', 'data.clean.images', 'data.clean.labels']) expect(error.message).toContain(`${where}: must be a path inside the bundle folder`);
  });

  it('a 100 MB bundle.json', async () => {
    const dir = path.join(root, 'huge-file');
    mkdirSync(dir);
    const fd = openSync(path.join(dir, 'bundle.json'), 'w');
    ftruncateSync(fd, 100 * 1024 * 1024); // sparse: 100 MB of NULs without writing them
    closeSync(fd);
    const started = performance.now();
    const error = await open(dir);
    // Refused by its size (the loader caps bundle.json at 4 MiB), not after reading it all.
    expect(['bad-data', 'bad-manifest']).toContain(error.code);
    expect(error.message).toMatch(/bundle\.json/);
    expect(error.message).toMatch(/4194304-byte limit|larger than 4 MiB/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('keeps answering afterwards', async () => {
    const good = writeFixtureBundle({ dir: path.join(root, 'good') });
    expect(await socket.call('openBundle', { path: good })).toMatchObject({ kind: 'result', value: { name: 'Tiny fixture bundle' } });
  });
});
