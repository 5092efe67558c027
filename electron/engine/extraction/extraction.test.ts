// Extraction end to end on a tiny image bundle: agreement with a direct onnxruntime-node run
// (clean and corrupted; predictions exact, lengths within the float16 storage tolerance), cache reuse, damaged-shard recovery, and provider fallback.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../src-shared/api/contract';
import { applyCorruption, corruptionRng } from '../../../src-shared/corruptions/index';
import { preprocessBatch } from '../../../src-shared/data/preprocess';
import { readNpy } from '../../../src-shared/formats/npy';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { filesBelow } from '../../../tools/testing/files-below';
import { FEATURE_TOLERANCE } from '../cache/feature-storage';
import { createEngine } from '../engine';
import type { Engine } from '../engine';
import { folderStore } from '../bundle/bundle-archive-store';
import { loadBundleManifest } from '../bundle/bundle-loader';
import { prepareModel } from './prepared-model';

const bundle = writeImageFixtureBundle({ count: 300, corruptions: ['gaussian_noise', 'contrast'], severities: [2, 5] });
const engines: Engine[] = [];

function newEngine(cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-cache-'))) {
  const engine = createEngine({ transport: 'in-process', cacheDir, workers: 2 });
  engines.push(engine);
  const events: ApiEvent[] = [];
  engine.subscribe((e) => events.push(e));
  return { engine, events, cacheDir };
}

async function runToEnd(engine: Engine, events: ApiEvent[], request: { ep?: string } = {}) {
  const { jobId } = await engine.startAnalysis({ path: bundle, ...request });
  for (let i = 0; i < 600; i++) {
    const finished = events.find((e) => e.type === 'job-finished' && e.jobId === jobId);
    if (finished) return finished;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('extraction did not finish');
}

afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
});

describe('extraction', () => {
  it('streams one cell-ready per model × set and agrees with a direct onnxruntime run', async () => {
    const { engine, events } = newEngine();
    expect(await runToEnd(engine, events)).toMatchObject({ status: 'done' });
    const cells = events.filter((e) => e.type === 'cell-ready');
    expect(cells).toHaveLength(2 * 5);
    expect(new Set(cells.map((e) => (e as { executionProvider: string }).executionProvider))).toEqual(new Set(['cpu']));

    const manifest = await loadBundleManifest(bundle);
    const model = await prepareModel(folderStore(bundle), manifest.models[1]);
    const images = readNpy(readFileSync(path.join(bundle, 'data', 'images.npy'))).data as Uint8Array;
    const session = await ort.InferenceSession.create(model.runBytes, { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
    for (const [setId, pixels] of [
      ['clean', images],
      ['contrast-s5', corruptAll(images, 300, 'contrast', 5)],
      ['gaussian_noise-s2', corruptAll(images, 300, 'gaussian_noise', 2)],
    ] as const) {
      const input = preprocessBatch(pixels, 300, { height: 8, width: 8, channels: 1 }, 1, manifest.input);
      const out = await session.run({ input: new ort.Tensor('float32', input, [300, 1, 8, 8]) });
      const metrics = await engine.getSampleMetrics({ path: bundle, modelId: 'pruned', setId });
      const logits = out.logits.data as Float32Array;
      const preds = Array.from({ length: 300 }, (_, i) => {
        const row = Array.from(logits.subarray(i * 3, i * 3 + 3));
        return row.indexOf(Math.max(...row));
      });
      expect(Array.from(metrics.pred), setId).toEqual(preds);
      const features = out[model.featureOutput].data as Float32Array;
      const lengths = Array.from({ length: 300 }, (_, i) => Math.hypot(...features.subarray(i * 6, i * 6 + 6)));
      // Cached features are float16 (the default storage): each length within its tolerance of the direct run's.
      lengths.forEach((l, i) => expect(Math.abs(metrics.length[i] - l)).toBeLessThanOrEqual(FEATURE_TOLERANCE * l + 1e-7));
    }
  });

  function corruptAll(images: Uint8Array, count: number, name: 'contrast' | 'gaussian_noise', severity: number): Uint8Array {
    const out = new Uint8Array(images.length);
    for (let i = 0; i < count; i++) {
      const rng = corruptionRng(7, name, severity, i);
      out.set(applyCorruption({ data: images.subarray(i * 64, (i + 1) * 64), width: 8, height: 8, channels: 1 }, name, severity, rng), i * 64);
    }
    return out;
  }

  it('serves a second run from the cells\' metrics files; a damaged shard is reported when read and recomputed by the next run', async () => {
    const first = newEngine();
    await runToEnd(first.engine, first.events);
    const logitsFiles = filesBelow(first.cacheDir, 'logits.npy');
    expect(logitsFiles).toHaveLength(10);
    const stamps = logitsFiles.map((f) => readFileSync(f).length);
    const damaged = logitsFiles[3];
    const entry = JSON.parse(readFileSync(path.join(path.dirname(damaged), 'entry.json'), 'utf8')) as { model: string; set: { id: string } };
    const cell = { path: bundle, modelId: entry.model, setId: entry.set.id };
    const before = await first.engine.getSampleMetrics(cell);
    const table = await first.engine.getEvaluation({ path: bundle });

    const bytes = readFileSync(damaged);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(damaged, bytes);
    // A run on a complete cache reads each cell's metrics file, not its shards: the same table, nothing rewritten.
    const second = newEngine(first.cacheDir);
    await runToEnd(second.engine, second.events);
    expect(Array.from((await second.engine.getEvaluation({ path: bundle })).accuracy)).toEqual(Array.from(table.accuracy));
    expect(readFileSync(damaged)).toEqual(bytes);
    // The per-sample read checks the shard: a clear error, and the cell is no longer taken as complete.
    await expect(second.engine.getSampleMetrics(cell)).rejects.toThrow(/damaged \(checksum mismatch\)|not in the cache/);
    const third = newEngine(first.cacheDir);
    await runToEnd(third.engine, third.events);
    const warnings = [...second.events, ...third.events].filter((e) => e.type === 'log' && e.level === 'warn').map((e) => (e as { message: string }).message);
    expect(warnings.some((m) => /damaged \(checksum mismatch\); it will be recomputed/.test(m))).toBe(true);
    expect(filesBelow(first.cacheDir, 'logits.npy').map((f) => readFileSync(f).length)).toEqual(stamps);
    expect(readFileSync(damaged)[bytes.length - 1]).toBe(bytes[bytes.length - 1] ^ 0xff);
    const after = await third.engine.getSampleMetrics(cell);
    expect(Array.from(after.logitMargin)).toEqual(Array.from(before.logitMargin));
  });

  it('falls back to CPU with a visible warning when the provider is unavailable, and records it', async () => {
    const { engine, events } = newEngine();
    await runToEnd(engine, events, { ep: 'tensorrt' });
    expect(events.some((e) => e.type === 'log' && e.level === 'warn' && /'tensorrt' is not available here.*using CPU/.test(e.message))).toBe(true);
    expect((await engine.getEvaluation({ path: bundle })).executionProvider).toBe('cpu');
  });

  it('rejects unknown models and corruptions with the list of what exists', async () => {
    const { engine } = newEngine();
    await expect(engine.startAnalysis({ path: bundle, models: ['nope'] })).rejects.toThrow(/Unknown model id\(s\): nope \(bundle has dense, pruned\)/);
    await expect(engine.startAnalysis({ path: bundle, corruptions: ['fog'] })).rejects.toThrow(/'fog' is not in this bundle \(it has: gaussian_noise, contrast\)/);
  });
});

