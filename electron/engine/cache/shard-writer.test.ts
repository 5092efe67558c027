// The shard writer thread (shard-writer.ts, shard-files.ts): NumPy reads the .npy files it writes
// as exactly the arrays given (float16 features as NumPy's own rounding of them) and Python's
// hashlib agrees with the meta's SHA-256; transferred arrays move, others stay; a failed write
// rejects with its errno code and leaves no temp file; requests finish in the order posted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pythonHasModule, requireTool } from '../../../tools/testing/require-tool';
import { sweepCache } from './cache-sweep';
import { ResultCache } from './result-cache';
import { shardWriter } from './shard-writer';

const python = '/usr/bin/python3';
const key = 'ab'.repeat(16);
const tempRoot = () => mkdtempSync(path.join(tmpdir(), 'prunelens-writer-'));
const shard = (count: number, classes: number, featureDim: number, seed = 0) => ({
  count, classes, featureDim, executionProvider: 'cpu',
  logits: Float32Array.from({ length: count * classes }, (_, i) => (i * 0.37 - 5) * (seed + 1)),
  features: Float32Array.from({ length: count * featureDim }, (_, i) => Math.sin(i + seed) * 3),
});
/** The entry folder of `key` (the one holding shard-*.json). */
const entryDir = (root: string) => path.dirname(findFile(root, 'shard-00000.json')!);

function findFile(dir: string, name: string): string | null {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (entry.name === name) return full;
  }
  return null;
}

afterAll(() => shardWriter().close());

describe('shard writer thread', () => {
  it('writes .npy files NumPy reads as the given arrays, with the SHA-256 hashlib computes', async (context) => {
    requireTool(context, `NumPy for ${python}`, pythonHasModule(python, 'numpy'), 'apt-get install python3-numpy');
    const data = shard(5, 3, 4);
    const roots = { float32: tempRoot(), float16: tempRoot() };
    await new ResultCache(roots.float32, undefined, 'float32').writeShard(key, 0, 0, { ...data, logits: data.logits.slice(), features: data.features.slice() });
    await new ResultCache(roots.float16, undefined, 'float16').writeShard(key, 0, 0, data, { transfer: true });
    const script = `
import hashlib, json, sys
import numpy as np
out = {}
for name, d in (('f32', sys.argv[1]), ('f16', sys.argv[2])):
    meta = json.load(open(d + '/shard-00000.json'))
    files = {k: open(d + '/shard-00000.' + k + '.npy', 'rb').read() for k in ('logits', 'features')}
    arrays = {k: np.load(d + '/shard-00000.' + k + '.npy') for k in files}
    out[name] = {'meta': meta, 'sha': {k: hashlib.sha256(v).hexdigest() for k, v in files.items()},
                 'dtype': {k: str(a.dtype) for k, a in arrays.items()}, 'shape': {k: list(a.shape) for k, a in arrays.items()},
                 'logits': [float(x) for x in arrays['logits'].ravel()], 'features': [float(x) for x in arrays['features'].ravel()]}
out['f16']['expected'] = [float(x) for x in np.load(sys.argv[1] + '/shard-00000.features.npy').astype(np.float16).ravel()]
print(json.dumps(out))`;
    const run = spawnSync(python, ['-c', script, entryDir(roots.float32), entryDir(roots.float16)], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const got = JSON.parse(run.stdout);
    const expected = shard(5, 3, 4);
    for (const name of ['f32', 'f16']) {
      expect(got[name].sha).toEqual(got[name].meta.sha256);
      expect(got[name].shape).toEqual({ logits: [5, 3], features: [5, 4] });
      expect(got[name].logits).toEqual([...expected.logits]);
      expect(got[name].meta).toMatchObject({ start: 0, count: 5, classes: 3, featureDim: 4, executionProvider: 'cpu' });
    }
    expect(got.f32.dtype).toEqual({ logits: 'float32', features: 'float32' });
    expect(got.f32.features).toEqual([...expected.features]);
    expect(got.f16.dtype).toEqual({ logits: 'float32', features: 'float16' });
    expect(got.f16.meta.featureDtype).toBe('float16');
    expect(got.f16.features).toEqual(got.f16.expected);
  });

  it('moves transferred arrays to the thread and leaves the others usable; reads back bit for bit', async () => {
    const cache = new ResultCache(tempRoot(), undefined, 'float32');
    const kept = shard(4, 2, 3, 1);
    const moved = shard(4, 2, 3, 2);
    await cache.writeShard(key, 0, 0, kept);
    await cache.writeShard(key, 1, 4, moved, { transfer: true });
    expect(kept.logits.length).toBe(8);
    expect(moved.logits.byteLength).toBe(0);
    expect(moved.features.byteLength).toBe(0);
    const [a, b] = await Promise.all([cache.readShard(key, 0, 4), cache.readShard(key, 1, 4)]);
    expect(a && [...a.logits]).toEqual([...shard(4, 2, 3, 1).logits]);
    expect(b && [...b.features]).toEqual([...shard(4, 2, 3, 2).features]);
  });

  it('rejects a failed write with its errno code, leaves no temp file, and keeps writing afterwards', async () => {
    const root = tempRoot();
    const cache = new ResultCache(root, undefined, 'float32');
    await cache.writeShard(key, 0, 0, shard(2, 2, 2));
    const dir = entryDir(root);
    // A folder where shard 1's meta goes: its data files are renamed in, the meta's rename fails.
    mkdirSync(path.join(dir, 'shard-00001.json', 'inside'), { recursive: true });
    await expect(cache.writeShard(key, 1, 2, shard(2, 2, 2))).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) });
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // Without its meta shard 1 does not exist; the sweep removes its orphan arrays.
    rmSync(path.join(dir, 'shard-00001.json'), { recursive: true });
    expect(await cache.readShard(key, 1, 2)).toBeNull();
    expect((await sweepCache(root, { graceMs: 0 })).map((f) => path.basename(f)).sort()).toEqual(['shard-00001.features.npy', 'shard-00001.logits.npy']);
    // A cache root that is a file: mkdir fails.
    const file = path.join(tempRoot(), 'not-a-folder');
    writeFileSync(file, 'x');
    await expect(new ResultCache(file, undefined, 'float32').writeShard(key, 0, 0, shard(2, 2, 2))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await cache.writeShard(key, 2, 4, shard(2, 2, 2));
    expect(await cache.readShard(key, 2, 2)).not.toBeNull();
  });

  it('finishes requests in the order posted: a folder sync resolves after every write before it', async () => {
    const root = tempRoot();
    const cache = new ResultCache(root, undefined, 'float32');
    const writes = Array.from({ length: 8 }, (_, s) => cache.writeShard(key, s, s * 64, shard(64, 10, 16, s), { transfer: true }));
    const entry = cache.writeEntryInfo(key, { model: 'm' });
    await cache.syncShards();
    const dir = path.dirname(findFile(root, 'entry.json')!);
    for (let s = 0; s < 8; s++) expect(existsSync(path.join(dir, `shard-0000${s}.json`))).toBe(true);
    await Promise.all([...writes, entry]);
    expect(JSON.parse(readFileSync(path.join(dir, 'entry.json'), 'utf8'))).toEqual({ model: 'm' });
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
