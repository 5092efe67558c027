// `analyze` on the image fixture with the default feature storage (float16) against
// PRUNELENS_FEATURE_DTYPE=float32, on one cache: predictions, correctness, margins, confidences and
// accuracies identical (logits are float32 either way); per sample, `length` within
// FEATURE_TOLERANCE relative and every angle within FEATURE_ANGLE_TOLERANCE_DEG; summary.json's
// aggregates and model similarity (CKA, distances) within the same bounds; the float32 entries of
// an earlier run are not reused by the default one (recomputed under their own keys); half the
// feature bytes per row.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNpy } from '../../../src-shared/formats/npy';
import { filesBelow } from '../../../tools/testing/files-below';
import { runCliCaptured } from '../../../tools/testing/run-cli';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { FEATURE_ANGLE_TOLERANCE_DEG, FEATURE_TOLERANCE } from './feature-storage';

const work = mkdtempSync(path.join(tmpdir(), 'prunelens-f16-analyze-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ANGLE = /angle/i;
const LENGTH = /length/i;
const SIMILARITY = /^\/similarity\/(cka|distance|layout|mst)\//;

/** Every leaf of a JSON value with its path. */
function leaves(value: unknown, at = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object') return [[at, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, `${at}/${k}`));
}

/** `analyze` under the default storage (PRUNELENS_FEATURE_DTYPE unset) or float32. */
async function analyzeWith(storage: 'default' | 'float32', bundle: string, cache: string) {
  const out = path.join(work, `out-${storage}`);
  const saved = process.env.PRUNELENS_FEATURE_DTYPE;
  if (storage === 'default') delete process.env.PRUNELENS_FEATURE_DTYPE;
  else process.env.PRUNELENS_FEATURE_DTYPE = storage;
  try {
    const run = await runCliCaptured(['analyze', bundle, '--out', out, '--cache', cache, '--no-parquet']);
    expect(run.stderr).not.toMatch(/prunelens analyze:/);
    expect(run.code).toBe(0);
  } finally {
    if (saved === undefined) delete process.env.PRUNELENS_FEATURE_DTYPE;
    else process.env.PRUNELENS_FEATURE_DTYPE = saved;
  }
  const [head, ...rows] = readFileSync(path.join(out, 'samples.csv'), 'utf8').trim().split('\n');
  return { columns: head.split(','), rows: rows.map((r) => r.split(',')), summary: leaves(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'))) };
}

/** The shards' feature files, their dtype and total bytes. */
function featureFiles(cache: string, skip: Set<string>) {
  const files = filesBelow(cache, 'features.npy').filter((f) => !skip.has(f));
  return { files, dtypes: new Set(files.map((f) => readNpy(new Uint8Array(readFileSync(f))).header.dtype)), bytes: files.reduce((sum, f) => sum + statSync(f).size, 0) };
}

describe('analyze with the default float16 feature storage', () => {
  it('matches float32 storage: identical predictions and accuracies, geometry and similarity within the tolerance', async () => {
    const bundle = writeImageFixtureBundle({ count: 200, corruptions: ['contrast', 'fog'], severities: [1, 5] });
    const cache = path.join(work, 'cache'); // one cache for both: the storages must not mix
    const f32 = await analyzeWith('float32', bundle, cache);
    const stored32 = featureFiles(cache, new Set());
    const f16 = await analyzeWith('default', bundle, cache);
    const stored16 = featureFiles(cache, new Set(stored32.files));
    // The default run found none of the float32 entries: every cell recomputed under its own key.
    expect(stored32.dtypes).toEqual(new Set(['f4']));
    expect(stored16.dtypes).toEqual(new Set(['f2']));
    expect(stored16.files.length).toBe(stored32.files.length);
    expect(stored16.files.length).toBe(2 * 5); // 2 models × (clean + 4 sets), one shard each
    for (const meta of filesBelow(cache, '.json').filter((f) => /shard-\d+\.json$/.test(f))) {
      expect(JSON.parse(readFileSync(meta, 'utf8'))).not.toHaveProperty('featureFallback');
    }
    // Half the feature bytes, save the 128-byte .npy headers.
    expect(stored16.bytes).toBeLessThan(stored32.bytes * 0.55);
    expect(stored16.bytes).toBeGreaterThan(stored32.bytes * 0.45);

    // samples.csv: only length and the angles may move, each within its bound.
    expect(f16.columns).toEqual(f32.columns);
    expect(f32.rows.length).toBe(200 * 2 * 5);
    expect(f16.rows.length).toBe(f32.rows.length);
    const moving = f32.columns.filter((c) => ANGLE.test(c) || LENGTH.test(c));
    expect(moving.sort()).toEqual(['angle_gt', 'angle_pred', 'angle_rival', 'length']);
    expect(f32.columns).toEqual(expect.arrayContaining(['pred', 'correct', 'logit_margin', 'geom_margin', 'confidence', 'entropy']));
    let worstAngle = 0;
    let worstLength = 0;
    let maxLength = 0;
    f32.columns.forEach((column, j) => {
      f32.rows.forEach((row, i) => {
        const [a, b] = [row[j], f16.rows[i][j]];
        if (!moving.includes(column) || a === '' || Number.isNaN(Number(a))) return expect(b, `${column} row ${i}`).toBe(a);
        const [x, y] = [Number(a), Number(b)];
        if (ANGLE.test(column)) worstAngle = Math.max(worstAngle, Math.abs(x - y));
        else {
          worstLength = Math.max(worstLength, x === 0 ? (y === 0 ? 0 : Infinity) : Math.abs(x - y) / x);
          maxLength = Math.max(maxLength, x);
        }
      });
    });
    // Both bounds hold with room for the CSV's 7 significant digits; the storage really changed something.
    expect(worstAngle).toBeLessThan(FEATURE_ANGLE_TOLERANCE_DEG);
    expect(worstLength).toBeLessThan(FEATURE_TOLERANCE);
    expect(worstAngle).toBeGreaterThan(0);
    expect(worstLength).toBeGreaterThan(0);

    // summary.json: accuracies, counts and every other number identical; geometry aggregates and
    // model similarity within the same bounds (an order statistic, mean or std of values that each
    // move by at most ε moves by at most ε).
    const other = new Map(f16.summary);
    expect(f16.summary.map(([p]) => p)).toEqual(f32.summary.map(([p]) => p));
    let checkedAccuracies = 0;
    let worstCka = 0;
    for (const [at, value] of f32.summary) {
      const got = other.get(at);
      if (at === '/prunelens/createdAt') continue;
      if (/accuracy|correct|error/i.test(at)) checkedAccuracies++;
      if (typeof value !== 'number' || value === got) {
        expect(got, at).toBe(value);
        continue;
      }
      expect(typeof got, at).toBe('number');
      const change = Math.abs(value - (got as number));
      if (/\/angle/.test(at)) expect(change, at).toBeLessThanOrEqual(FEATURE_ANGLE_TOLERANCE_DEG);
      else if (/\/length\//.test(at)) expect(change, at).toBeLessThanOrEqual(FEATURE_TOLERANCE * maxLength);
      else if (/^\/similarity\/cka\//.test(at)) worstCka = Math.max(worstCka, change);
      else if (SIMILARITY.test(at)) expect(change / Math.max(1, Math.abs(value)), at).toBeLessThan(FEATURE_TOLERANCE);
      else expect(got, at).toBe(value);
    }
    expect(checkedAccuracies).toBeGreaterThan(10);
    expect(worstCka).toBeLessThan(FEATURE_TOLERANCE);
  }, 180_000);
});
