// float16 feature storage: the encoding against IEEE half values computed by hand, the default
// and the opt-out, the per-row tolerance check (its decisions against NumPy's float16 rounding),
// the overflow and tolerance fallbacks to float32 as the shard meta records them, and separate
// cache entries per storage. `analyze` under both storages: feature-storage-analyze.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNpy } from '../../../src-shared/formats/npy';
import { pythonHasModule, requireTool } from '../../../tools/testing/require-tool';
import { FEATURE_ANGLE_TOLERANCE_DEG, FEATURE_TOLERANCE, decodeFeatures, encodeFeatures, featureDtypeFromEnv, storedEntryKey } from './feature-storage';
import { ResultCache } from './result-cache';

const work = mkdtempSync(path.join(tmpdir(), 'prunelens-f16-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const python = '/usr/bin/python3';

describe('feature storage encoding', () => {
  it('rounds to the nearest half and decodes it back', () => {
    // 1/3 → 0x3555 = 0.333251953125; 65504 is the largest half; 2^-24 the smallest subnormal; 1 + 2^-11 ties to 1 (even).
    const values = new Float32Array([1 / 3, 65504, -(2 ** -24), 1 + 2 ** -11, 0.1, NaN]);
    const encoded = encodeFeatures(values, [2, 3], 'float16');
    expect(encoded.dtype).toBe('float16');
    expect(encoded.fallback).toBeUndefined();
    const npy = readNpy(encoded.bytes);
    expect(npy.header.dtype).toBe('f2');
    expect(Array.from(npy.data as Uint16Array).slice(0, 4)).toEqual([0x3555, 0x7bff, 0x8001, 0x3c00]);
    const back = decodeFeatures(npy.header, npy.data)!;
    expect(Array.from(back.slice(0, 5))).toEqual([0.333251953125, 65504, -(2 ** -24), 1, 0.0999755859375]);
    expect(back[5]).toBeNaN();
  });

  it('is float16 by default; PRUNELENS_FEATURE_DTYPE=float32 opts out', () => {
    expect(featureDtypeFromEnv({})).toBe('float16');
    expect(featureDtypeFromEnv({ PRUNELENS_FEATURE_DTYPE: '' })).toBe('float16');
    expect(featureDtypeFromEnv({ PRUNELENS_FEATURE_DTYPE: ' Float32 ' })).toBe('float32');
    expect(featureDtypeFromEnv({ PRUNELENS_FEATURE_DTYPE: 'float16' })).toBe('float16');
    expect(() => featureDtypeFromEnv({ PRUNELENS_FEATURE_DTYPE: 'bf16' })).toThrow(/float16 or float32 \(got 'bf16'\)/);
    expect(FEATURE_ANGLE_TOLERANCE_DEG).toBeCloseTo(0.0573, 4);
  });

  it('keeps float32 for a shard a half would overflow, and says why', () => {
    const big = encodeFeatures(new Float32Array([1, 2, 3, 70000]), [2, 2], 'float16');
    expect(big.dtype).toBe('float32');
    expect(big.fallback).toMatch(/^row 1 has a feature of magnitude 70000, beyond float16's ±65504/);
    const npy = readNpy(big.bytes);
    expect(npy.header.dtype).toBe('f4');
    expect(Array.from(npy.data as Float32Array)).toEqual([1, 2, 3, 70000]);
    expect(encodeFeatures(new Float32Array([Infinity, 1]), [1, 2], 'float16').dtype).toBe('float32');
    expect(encodeFeatures(new Float32Array([1, 2]), [1, 2], 'float32')).toEqual({ dtype: 'float32', bytes: expect.any(Uint8Array) });
  });

  it('keeps float32 for a shard with a row float16 would move by more than the tolerance', () => {
    // Row 1 lies in float16's subnormal range (spacing 2^-24 ≈ 6e-8): 1e-6 → 17 · 2^-24, 1.3 % off.
    const tiny = encodeFeatures(new Float32Array([0.5, -0.25, 1e-6, 2e-6, 0, 0]), [3, 2], 'float16');
    expect(tiny.dtype).toBe('float32');
    expect(tiny.fallback).toMatch(/^row 1: float16 would move it by 1\.\d\de-2 of its length \(tolerance 0\.001\)$/);
    expect(Array.from(readNpy(tiny.bytes).data as Float32Array)).toEqual(Array.from(new Float32Array([0.5, -0.25, 1e-6, 2e-6, 0, 0])));
    // The same tiny values beside a normal one in the same row move it by far less than the tolerance.
    expect(encodeFeatures(new Float32Array([1e-6, 2e-6, 0.5, 0]), [1, 4], 'float16').dtype).toBe('float16');
    // A non-zero row that would round to zero is the extreme case (every angle would become NaN).
    expect(encodeFeatures(new Float32Array([1e-8, -1e-8]), [1, 2], 'float16').fallback).toMatch(/^row 0: float16 would move it by 1\.00e\+0/);
  });

  it("accepts exactly the rows NumPy's float16 rounding keeps within the tolerance", (context) => {
    requireTool(context, `NumPy for ${python}`, pythonHasModule(python, 'numpy'), 'apt-get install python3-numpy');
    // 600 rows of 64 values whose scale sweeps across float16's subnormal range, where rows start failing.
    const rows = 600;
    const dim = 64;
    const values = new Float32Array(rows * dim);
    let s = 7;
    for (let i = 0; i < values.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const scale = 2 ** (-30 + (20 * Math.floor(i / dim)) / rows);
      values[i] = (s / 2 ** 32 - 0.5) * scale;
    }
    const file = path.join(work, 'rows.npy');
    writeFileSync(file, encodeFeatures(values, [rows, dim], 'float32').bytes);
    const script = `import numpy as np\nf = np.load('${file}').astype(np.float64)\nh = np.load('${file}').astype(np.float16).astype(np.float64)\nerr = np.linalg.norm(h - f, axis=1)\nnorm = np.linalg.norm(f, axis=1)\nprint(' '.join('1' if e <= ${FEATURE_TOLERANCE} * n else '0' for e, n in zip(err, norm)))`;
    const numpy = execFileSync(python, ['-c', script]).toString().trim().split(' ');
    const ours = Array.from({ length: rows }, (_, r) => (encodeFeatures(values.subarray(r * dim, (r + 1) * dim), [1, dim], 'float16').dtype === 'float16' ? '1' : '0'));
    expect(ours).toEqual(numpy);
    // The sweep crosses the boundary: some rows pass, some fall back.
    expect(numpy.filter((v) => v === '1').length).toBeGreaterThan(50);
    expect(numpy.filter((v) => v === '0').length).toBeGreaterThan(50);
  });
});

describe('result cache under each storage', () => {
  const shard = (features: number[]) => ({ count: 2, classes: 2, featureDim: 2, logits: new Float32Array([1, 2, 3, 4]), features: new Float32Array(features), executionProvider: 'cpu' });
  const key = 'ab'.repeat(16);

  it('keeps the storages under separate entries', () => {
    expect(storedEntryKey(key, 'float32')).toBe(key);
    expect(storedEntryKey(key, 'float16')).toMatch(/^[0-9a-f]{32}$/);
    expect(storedEntryKey(key, 'float16')).not.toBe(key);
    const root = path.join(work, 'keys');
    expect(new ResultCache(root).shardFile(key, 0, 'json')).toBe(new ResultCache(root, undefined, 'float16').shardFile(key, 0, 'json'));
    expect(new ResultCache(root, undefined, 'float16').shardFile(key, 0, 'json')).not.toBe(new ResultCache(root, undefined, 'float32').shardFile(key, 0, 'json'));
  });

  it('records the stored dtype and any fallback in the shard meta, and reads both back', async () => {
    const root = path.join(work, 'meta');
    const cache = new ResultCache(root, undefined, 'float16');
    await cache.writeShard(key, 0, 0, shard([0.5, 1 / 3, -2, 0.1]));
    await cache.writeShard(key, 1, 2, shard([0.5, 1 / 3, 3e-7, 1e-6]));
    const meta = (i: number) => JSON.parse(readFileSync(cache.shardFile(key, i, 'json'), 'utf8')) as Record<string, unknown>;
    expect(meta(0)).toMatchObject({ featureDtype: 'float16' });
    expect(meta(0)).not.toHaveProperty('featureFallback');
    expect(meta(1)).toMatchObject({ featureDtype: 'float32', featureFallback: expect.stringMatching(/^row 1: float16 would move it/) });
    const half = (await cache.readShard(key, 0, 2))!;
    expect(Array.from(half.features)).toEqual([0.5, 0.333251953125, -2, 0.0999755859375]);
    expect(Array.from(half.logits)).toEqual([1, 2, 3, 4]);
    const kept = (await cache.readShard(key, 1, 2))!;
    expect(Array.from(kept.features)).toEqual(Array.from(new Float32Array([0.5, 1 / 3, 3e-7, 1e-6])));
    // A float32 cache on the same root does not see the float16 entry.
    expect(await new ResultCache(root, undefined, 'float32').readShard(key, 0, 2)).toBeNull();
  });

  it('discards a shard whose meta names another dtype than its features file holds', async () => {
    const root = path.join(work, 'mismatch');
    const problems: string[] = [];
    const cache = new ResultCache(root, (m) => problems.push(m), 'float16');
    await cache.writeShard(key, 0, 0, shard([0.5, 1 / 3, -2, 0.1]));
    const file = cache.shardFile(key, 0, 'json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), featureDtype: 'float32' }));
    expect(await cache.readShard(key, 0, 2)).toBeNull();
    expect(problems).toEqual([expect.stringMatching(/features\.npy holds 'f2', its metadata says float32\); it will be recomputed/)]);
  });
});
