import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_ANALYSIS_VERSION } from '../bundle/model-analysis-cache';
import { CACHE_SWEEP_GRACE_MS, sweepCache } from './cache-sweep';
import { CELL_METRICS_VERSION } from './cell-metrics-store';
import { ResultCache } from './result-cache';

describe('cache sweep at startup', () => {
  it('removes old temp files and orphan shard arrays, keeps complete shards, claims and anything recent', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'prunelens-sweep-'));
    const dir = path.join(root, 'v1', 'ab', 'ab'.padEnd(32, '0'));
    mkdirSync(dir, { recursive: true });
    const old = (Date.now() - CACHE_SWEEP_GRACE_MS - 60_000) / 1000;
    const files: Record<string, boolean> = {
      // name → kept?
      'shard-00000.json': true,
      'shard-00000.logits.npy': true,
      'shard-00000.features.npy': true,
      'shard-00001.logits.npy': false, // orphan: its meta was never written
      'shard-00001.features.npy': false,
      'shard-00002.json.tmp-4242-deadbeef': false, // a write killed before its rename
      'entry.json.tmp-17-0a1b2c3d': false,
      'shard-00003.claim': true,
      'entry.json': true,
    };
    for (const name of Object.keys(files)) {
      writeFileSync(path.join(dir, name), 'x');
      utimesSync(path.join(dir, name), old, old);
    }
    writeFileSync(path.join(dir, 'shard-00004.logits.npy'), 'being written right now');
    writeFileSync(path.join(dir, 'shard-00004.json.tmp-99-00ff00ff'), 'being written right now');
    const removed = await sweepCache(root);
    expect(removed.map((f) => path.basename(f)).sort()).toEqual(Object.keys(files).filter((n) => !files[n]).sort());
    for (const [name, kept] of Object.entries(files)) expect(existsSync(path.join(dir, name)), name).toBe(kept);
    expect(existsSync(path.join(dir, 'shard-00004.logits.npy'))).toBe(true);
    expect(existsSync(path.join(dir, 'shard-00004.json.tmp-99-00ff00ff'))).toBe(true);
    expect(await sweepCache(path.join(root, 'missing'))).toEqual([]);
  });

  it('sweeps float16 and float32 entries of one cache alike (each under its own key)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'prunelens-sweep-'));
    const key = 'ef'.repeat(16);
    const old = (Date.now() - CACHE_SWEEP_GRACE_MS - 60_000) / 1000;
    const data = { count: 1, classes: 2, featureDim: 2, logits: new Float32Array([1, 2]), features: new Float32Array([0.5, 0.25]), executionProvider: 'cpu' };
    const orphans: string[] = [];
    for (const dtype of ['float16', 'float32'] as const) {
      const cache = new ResultCache(root, undefined, dtype);
      await cache.writeShard(key, 0, 0, data);
      await cache.writeShard(key, 1, 1, data);
      rmSync(cache.shardFile(key, 1, 'json')); // killed before its meta: shard 1's arrays are orphans
      for (const suffix of ['logits.npy', 'features.npy'] as const) {
        const file = cache.shardFile(key, 1, suffix);
        utimesSync(file, old, old);
        orphans.push(file);
      }
    }
    expect(new Set(orphans.map((f) => path.dirname(f))).size).toBe(2);
    expect((await sweepCache(root)).sort()).toEqual(orphans.sort());
    for (const dtype of ['float16', 'float32'] as const) expect(await new ResultCache(root, undefined, dtype).readShard(key, 0, 1)).not.toBeNull();
  });

  it('sweeps the projection cache alike: old temp files and maps without their meta', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'prunelens-sweep-'));
    const dir = path.join(root, 'projections-v1', 'cd');
    mkdirSync(dir, { recursive: true });
    const old = (Date.now() - CACHE_SWEEP_GRACE_MS - 60_000) / 1000;
    const key = (c: string) => 'cd'.padEnd(32, c);
    const files: Record<string, boolean> = { [`${key('0')}.npy`]: true, [`${key('0')}.json`]: true, [`${key('1')}.npy`]: false, [`${key('2')}.json.tmp-7-0badf00d`]: false };
    for (const name of Object.keys(files)) {
      writeFileSync(path.join(dir, name), 'x');
      utimesSync(path.join(dir, name), old, old);
    }
    writeFileSync(path.join(dir, `${key('3')}.npy`), 'being written right now');
    const removed = await sweepCache(root);
    expect(removed.map((f) => path.basename(f)).sort()).toEqual(Object.keys(files).filter((n) => !files[n]).sort());
    for (const [name, kept] of Object.entries(files)) expect(existsSync(path.join(dir, name)), name).toBe(kept);
    expect(existsSync(path.join(dir, `${key('3')}.npy`))).toBe(true);
  });

  it('removes derived files of a superseded format version once old, and keeps the current version and recent files', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'prunelens-sweep-'));
    const old = (Date.now() - CACHE_SWEEP_GRACE_MS - 60_000) / 1000;
    const put = (rel: string, stale: boolean) => {
      const file = path.join(root, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'x');
      if (stale) utimesSync(file, old, old);
      return file;
    };
    expect(CELL_METRICS_VERSION).toBeGreaterThan(1);
    const superseded = [put('metrics-v1/ab/ab01', true), put('metrics-v1/cd/cd02', true)];
    const recent = put(`model-analysis-v${MODEL_ANALYSIS_VERSION - 1}/ef/ef03`, false); // an older app may still be writing it
    const kept = [
      put(`metrics-v${CELL_METRICS_VERSION}/ab/ab01`, true), // current: whole files are never swept
      put('metrics-v99/ab/ab01', true), // a newer app's folder
      put('unrelated-v1/ab/ab01', true),
    ];
    expect((await sweepCache(root)).sort()).toEqual(superseded.sort());
    expect(existsSync(path.join(root, 'metrics-v1'))).toBe(false); // emptied folders go too
    for (const file of [recent, ...kept]) expect(existsSync(file), file).toBe(true);
  });
});
