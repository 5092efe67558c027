// A cached shard whose checksums match but whose shape is not what the reader needs (another
// head size, or zero-width rows) is refused and removed, so it is recomputed — never read as rows
// of length 0.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultCache } from './result-cache';

const shard = (count: number, classes: number, featureDim: number) => ({
  count, classes, featureDim, executionProvider: 'cpu',
  logits: Float32Array.from({ length: count * classes }, (_, i) => i),
  features: Float32Array.from({ length: count * featureDim }, (_, i) => -i),
});

describe('cached shard shapes', () => {
  it('reads a shard of the expected rows × dims', async () => {
    const cache = new ResultCache(mkdtempSync(path.join(tmpdir(), 'prunelens-shape-')));
    await cache.writeShard('k'.repeat(32), 0, 0, shard(4, 3, 2));
    const data = await cache.readShard('k'.repeat(32), 0, 4, { classes: 3, featureDim: 2 });
    expect(data && [...data.logits]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(data?.features.length).toBe(8);
  });

  it('refuses (and removes) a shard with matching checksums but the wrong shape', async () => {
    const problems: string[] = [];
    const cache = new ResultCache(mkdtempSync(path.join(tmpdir(), 'prunelens-shape-')), (message) => problems.push(message));
    const key = 'w'.repeat(32);
    await cache.writeShard(key, 0, 0, shard(4, 0, 0)); // zero-width rows, checksums of what was written
    expect(await cache.readShard(key, 0, 4, { classes: 3, featureDim: 2 })).toBeNull();
    expect(problems.join('\n')).toMatch(/logits \(4×0\) and features \(4×0\) should be 4×3 and 4×2\); it will be recomputed/);
    expect(existsSync(cache.shardFile(key, 0, 'json'))).toBe(false);

    await cache.writeShard(key, 1, 0, shard(4, 5, 2)); // another head's width
    expect(await cache.readShard(key, 1, 4, { classes: 3, featureDim: 2 })).toBeNull();
    // Without expected dims the meta's own are checked against the arrays: a consistent shard passes.
    await cache.writeShard(key, 2, 0, shard(4, 5, 2));
    expect((await cache.readShard(key, 2, 4))?.classes).toBe(5);
  });
});
