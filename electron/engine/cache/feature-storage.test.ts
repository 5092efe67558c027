// float16 feature storage: the encoding against IEEE half values computed by hand, the overflow
// fallback, separate cache entries per storage, and `analyze` on the image fixture under both
// storages: identical predictions and accuracies, geometry within the stated tolerance, half the
// feature bytes per row.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNpy } from '../../../src-shared/formats/npy';
import { runCliCaptured } from '../../../tools/testing/run-cli';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { decodeFeatures, encodeFeatures, featureDtypeFromEnv, storedEntryKey } from './feature-storage';
import { ResultCache } from './result-cache';

const work = mkdtempSync(path.join(tmpdir(), 'prunelens-f16-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('feature storage encoding', () => {
  it('rounds to the nearest half and decodes it back', () => {
    // 1/3 → 0x3555 = 0.333251953125; 65504 is the largest half; 2^-24 the smallest subnormal; 1 + 2^-11 ties to 1 (even).
    const values = new Float32Array([1 / 3, 65504, -(2 ** -24), 1 + 2 ** -11, 0.1, NaN]);
    const bytes = encodeFeatures(values, [2, 3], 'float16');
    const npy = readNpy(bytes);
    expect(npy.header.dtype).toBe('f2');
    expect(Array.from(npy.data as Uint16Array).slice(0, 4)).toEqual([0x3555, 0x7bff, 0x8001, 0x3c00]);
    const back = decodeFeatures(npy.header, npy.data)!;
    expect(Array.from(back.slice(0, 5))).toEqual([0.333251953125, 65504, -(2 ** -24), 1, 0.0999755859375]);
    expect(back[5]).toBeNaN();
  });

  it('keeps float32 for a shard a half would overflow, and never mixes the two storages', () => {
    const big = new Float32Array([1, 70000]);
    expect(readNpy(encodeFeatures(big, [1, 2], 'float16')).header.dtype).toBe('f4');
    expect(storedEntryKey('ab'.repeat(16), 'float32')).toBe('ab'.repeat(16));
    expect(storedEntryKey('ab'.repeat(16), 'float16')).toMatch(/^[0-9a-f]{32}$/);
    expect(storedEntryKey('ab'.repeat(16), 'float16')).not.toBe('ab'.repeat(16));
    const root = path.join(work, 'keys');
    expect(new ResultCache(root, undefined, 'float16').shardFile('ab'.repeat(16), 0, 'json')).not.toBe(new ResultCache(root, undefined, 'float32').shardFile('ab'.repeat(16), 0, 'json'));
    expect(featureDtypeFromEnv({})).toBe('float32');
    expect(featureDtypeFromEnv({ PRUNELENS_FEATURE_DTYPE: 'Float16' })).toBe('float16');
    expect(() => featureDtypeFromEnv({ PRUNELENS_FEATURE_DTYPE: 'bf16' })).toThrow(/float32 or float16 \(got 'bf16'\)/);
  });
});

const featureBytes = (dir: string): number => {
  let total = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.features.npy')) total += statSync(p).size;
    }
  };
  walk(dir);
  return total;
};

/** Every number in summary.json under a key naming an accuracy or error rate, with its path. */
function accuracyEntries(value: unknown, at = '', inside = false): [string, number][] {
  if (typeof value === 'number') return inside ? [[at, value]] : [];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => accuracyEntries(v, `${at}/${k}`, inside || /accuracy|error|correct/i.test(k)));
}

async function analyzeWith(dtype: 'float32' | 'float16', bundle: string, cache: string) {
  const out = path.join(work, `out-${dtype}`);
  const saved = process.env.PRUNELENS_FEATURE_DTYPE;
  process.env.PRUNELENS_FEATURE_DTYPE = dtype;
  try {
    const run = await runCliCaptured(['analyze', bundle, '--out', out, '--cache', cache, '--no-parquet']);
    expect(run.stderr).not.toMatch(/prunelens analyze:/);
    expect(run.code).toBe(0);
  } finally {
    if (saved === undefined) delete process.env.PRUNELENS_FEATURE_DTYPE;
    else process.env.PRUNELENS_FEATURE_DTYPE = saved;
  }
  const [head, ...rows] = readFileSync(path.join(out, 'samples.csv'), 'utf8').trim().split('\n');
  return { columns: head.split(','), rows: rows.map((r) => r.split(',')), summary: readFileSync(path.join(out, 'summary.json'), 'utf8') };
}

describe('analyze with float16 features', () => {
  it('gives the same predictions and accuracies as float32, and geometry within 1e-3 relative', async () => {
    const bundle = writeImageFixtureBundle({ count: 200, corruptions: ['contrast', 'fog'], severities: [1, 5] });
    const cache = path.join(work, 'cache'); // one cache for both: the storages must not mix
    const f32 = await analyzeWith('float32', bundle, cache);
    const bytes32 = featureBytes(cache);
    const f16 = await analyzeWith('float16', bundle, cache);
    const bytes16 = featureBytes(cache) - bytes32;
    expect(f16.columns).toEqual(f32.columns);
    expect(f16.rows.length).toBe(f32.rows.length);
    expect(f32.rows.length).toBe(200 * 2 * 5); // 2 models × (clean + 4 sets)
    // Only the feature-derived columns may move; everything else (ids, labels, predictions, correctness) is identical.
    const geometry = new Set(f32.columns.filter((c) => /angle|length|norm|margin|cos|dist/i.test(c) && !/logit/i.test(c)));
    expect(geometry.size).toBeGreaterThan(0);
    let worst = 0;
    f32.columns.forEach((column, j) => {
      f32.rows.forEach((row, i) => {
        const a = row[j];
        const b = f16.rows[i][j];
        if (!geometry.has(column)) return expect(b, `${column} row ${i}`).toBe(a);
        const x = Number(a);
        const y = Number(b);
        if (Number.isNaN(x)) return expect(b).toBe(a);
        worst = Math.max(worst, Math.abs(x - y) / Math.max(1, Math.abs(x)));
      });
    });
    expect(worst).toBeLessThan(1e-3);
    const summary32 = accuracyEntries(JSON.parse(f32.summary));
    expect(summary32.length).toBeGreaterThan(10);
    expect(accuracyEntries(JSON.parse(f16.summary))).toEqual(summary32);
    // Half the feature bytes, save the 128-byte .npy headers.
    expect(bytes16).toBeLessThan(bytes32 * 0.55);
    expect(bytes16).toBeGreaterThan(bytes32 * 0.45);
  }, 120_000);
});
