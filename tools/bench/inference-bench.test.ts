// inference-bench.ts --model: the one-model CIFAR-shaped bundle it builds (read back through the
// engine's own loaders), and one short run of the bench on a small network, with both bare-loop
// references, checked for the figures it must print (and for sense: every rate positive).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderStore } from '../../electron/engine/bundle/bundle-archive-store';
import { loadBundleManifest } from '../../electron/engine/bundle/bundle-loader';
import { openCleanSource } from '../../electron/engine/data-sources/data-source';
import { MODEL_BUNDLE_ID, writeModelBundle } from './model-bundle';
import { cheapNetwork, randomBytes } from './scale-bundle';

const work = mkdtempSync(path.join(tmpdir(), 'prunelens-inference-bench-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const onnx = path.join(work, 'small.onnx');
writeFileSync(onnx, cheapNetwork(5, 0));

describe('inference-bench --model', () => {
  it('wraps the model in a bundle of seeded 32×32×3 images the engine reads', async () => {
    const dir = writeModelBundle(path.join(work, 'bundle'), onnx, 40);
    const manifest = await loadBundleManifest(dir);
    expect(manifest.models.map((m) => m.id)).toEqual([MODEL_BUNDLE_ID]);
    const source = await openCleanSource(folderStore(dir), manifest.data.clean, manifest.classes);
    expect([source.count, source.height, source.width, source.channels]).toEqual([40, 32, 32, 3]);
    expect(Array.from(await source.readBatch(0, 40))).toEqual(Array.from(randomBytes(40 * 32 * 32 * 3, 12)));
  });

  it('times the pipeline against 1- and 2-thread bare loops on it', () => {
    // More images than the bench's warm-up (2 batches of 256 per worker).
    const images = 512 * Math.min(availableParallelism(), 8) + 64;
    const bench = path.resolve(import.meta.dirname, 'inference-bench.ts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', bench, '--model', onnx, '--images', String(images), '--rounds', '1', '--bare-threads', '1,2'], { encoding: 'utf8', timeout: 100_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`models small.onnx · execution provider cpu · ${images} images · batch 256`);
    const rates = [...r.stdout.matchAll(/^(bare onnxruntime loop \((\d) intra-op threads?\)|PruneLens pipeline): +median (\d+) images\/s .*; (\d+) images\/CPU-s/gm)];
    expect(rates.map((m) => m[2] ?? 'pipeline')).toEqual(['1', '2', 'pipeline']);
    for (const m of rates) {
      expect(Number(m[3])).toBeGreaterThan(0);
      expect(Number(m[4])).toBeGreaterThan(0);
    }
    const ratios = [...r.stdout.matchAll(/^ratio pipeline \/ bare: (\d+\.\d\d) \(wall\), (\d+\.\d\d) \(per CPU-second\) vs the bare loop with (\d) intra-op/gm)];
    expect(ratios.map((m) => m[3])).toEqual(['1', '2']);
    expect(ratios.every((m) => Number(m[1]) > 0 && Number(m[2]) > 0)).toBe(true);
  }, 120_000);
});
