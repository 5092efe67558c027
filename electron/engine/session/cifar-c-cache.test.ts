// Precomputed corrupted sets (CIFAR-10-C layout) are keyed by their files' content: rerunning an
// unchanged bundle reuses the cache, and a replaced corruption file is extracted again — never
// served stale from the cache.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNpy } from '../../../src-shared/formats/npy';
import { filesBelow } from '../../../tools/testing/files-below';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { createEngine } from '../engine';
import type { Engine } from '../engine';

const count = 60;
const bundle = writeImageFixtureBundle({ count });
const engines: Engine[] = [];
afterAll(() => Promise.all(engines.map((e) => e.dispose())));

/** CIFAR-10-C layout: fog.npy holds 5 severities × `count` images, labels.npy their labels. */
function writeFog(shift: number) {
  const clean = readFileSync(path.join(bundle, 'data', 'images.npy'));
  const pixels = clean.subarray(clean.length - count * 64);
  const fog = new Uint8Array(5 * count * 64).map((_, k) => (pixels[k % (count * 64)] + shift * (1 + Math.floor(k / (count * 64)))) & 255);
  writeFileSync(path.join(bundle, 'cifar-c', 'fog.npy'), writeNpy(fog, [5 * count, 8, 8]));
}

mkdirSync(path.join(bundle, 'cifar-c'));
writeFileSync(path.join(bundle, 'cifar-c', 'labels.npy'), writeNpy(new Uint8Array(5 * count).map((_, i) => (i % count) % 3), [5 * count]));
writeFog(40);
const manifestPath = path.join(bundle, 'bundle.json');
writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), data: { clean: { images: 'data/images.npy', labels: 'data/labels.npy' }, corrupted: { cifarC: { dir: 'cifar-c' } } } }));

async function analyse(cacheDir: string) {
  const engine = createEngine({ transport: 'in-process', cacheDir, workers: 1 });
  engines.push(engine);
  const finished = new Promise((resolve) => engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
  await engine.startAnalysis({ path: bundle, severities: [3] });
  expect(await finished).toMatchObject({ status: 'done' });
  return engine;
}

const shardFiles = (dir: string) => filesBelow(dir, 'logits.npy').length;

describe('CIFAR-10-C cache keys', () => {
  it('reuses unchanged files and re-extracts a replaced one', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-cifarc-'));
    const first = await analyse(cacheDir);
    const before = await first.getSampleMetrics({ path: bundle, modelId: 'pruned', setId: 'fog-s3' });
    const shardsAfterFirst = shardFiles(cacheDir);
    expect(shardsAfterFirst).toBe(2 * 2); // 2 models × (clean, fog-s3), one shard each

    await analyse(cacheDir);
    expect(shardFiles(cacheDir)).toBe(shardsAfterFirst); // nothing new: all from the cache

    writeFog(120);
    const rerun = await analyse(cacheDir);
    const after = await rerun.getSampleMetrics({ path: bundle, modelId: 'pruned', setId: 'fog-s3' });
    expect(shardFiles(cacheDir)).toBe(shardsAfterFirst + 2); // fog-s3 again for both models; clean reused
    expect(Array.from(after.logitMargin)).not.toEqual(Array.from(before.logitMargin));

    const fresh = await analyse(mkdtempSync(path.join(tmpdir(), 'prunelens-cifarc-fresh-')));
    const expected = await fresh.getSampleMetrics({ path: bundle, modelId: 'pruned', setId: 'fog-s3' });
    expect(Array.from(after.logitMargin)).toEqual(Array.from(expected.logitMargin));
  });
});
