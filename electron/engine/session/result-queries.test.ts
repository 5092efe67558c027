// The engine's read side on a finished fixture run: evaluation, images, occlusion, neighbours, similarity.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../src-shared/api/contract';
import { applyCorruption, corruptionRng } from '../../../src-shared/corruptions/index';
import { readNpy } from '../../../src-shared/formats/npy';
import { writeImageFixtureBundle } from '../../../tools/testing/fixture-bundle';
import { FEATURE_ANGLE_TOLERANCE_DEG, FEATURE_TOLERANCE } from '../cache/feature-storage';
import { createEngine } from '../engine';

const bundle = writeImageFixtureBundle({ count: 200, corruptions: ['gaussian_noise', 'contrast', 'fog'], severities: [1, 4] });
const engine = createEngine({ transport: 'in-process', cacheDir: mkdtempSync(path.join(tmpdir(), 'prunelens-views-')), workers: 2 });
const events: ApiEvent[] = [];

beforeAll(async () => {
  engine.subscribe((e) => events.push(e));
  const finished = new Promise((resolve) => engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
  await engine.startAnalysis({ path: bundle });
  expect(await finished).toMatchObject({ status: 'done' });
});
afterAll(() => engine.dispose());

describe('results served to the UI', () => {
  it('evaluation: the cell accuracies streamed, and robust accuracy = mean over corruptions × severities', async () => {
    const table = await engine.getEvaluation({ path: bundle });
    expect(table.sets.map((s) => s.id)).toEqual(['clean', 'gaussian_noise-s1', 'gaussian_noise-s4', 'contrast-s1', 'contrast-s4', 'fog-s1', 'fog-s4']);
    for (const e of events.filter((x) => x.type === 'cell-ready') as Extract<ApiEvent, { type: 'cell-ready' }>[]) {
      const i = table.models.findIndex((m) => m.id === e.modelId);
      const j = table.sets.findIndex((s) => s.id === e.setId);
      expect(table.accuracy[i * table.sets.length + j]).toBeCloseTo(e.accuracy, 6);
    }
    table.models.forEach((_, i) => {
      const corrupted = table.sets.map((s, j) => ({ s, a: table.accuracy[i * table.sets.length + j] })).filter(({ s }) => s.corruption !== 'clean');
      expect(table.robustAccuracy[i]).toBeCloseTo(corrupted.reduce((sum, { a }) => sum + a, 0) / corrupted.length, 5);
    });
    expect(table.mCE[0]).toBeCloseTo(1, 6); // the dense model is the baseline
    expect(table.ceCorruptions).toEqual(['gaussian_noise', 'fog', 'contrast']); // canonical CIFAR-10-C order
  });

  it('sample images: the clean row of the data file and its seeded corruptions', async () => {
    const images = readNpy(readFileSync(path.join(bundle, 'data', 'images.npy'))).data as Uint8Array;
    const sample = await engine.getSampleImages({ path: bundle, index: 17, corruption: 'fog', severities: [1, 4] });
    expect(sample).toMatchObject({ index: 17, label: 17 % 3, width: 8, height: 8, channels: 1 });
    expect(Array.from(sample.clean)).toEqual(Array.from(images.subarray(17 * 64, 18 * 64)));
    const expected = applyCorruption({ data: images.subarray(17 * 64, 18 * 64), width: 8, height: 8, channels: 1 }, 'fog', 4, corruptionRng(7, 'fog', 4, 17));
    expect(sample.corrupted.map((c) => c.setId)).toEqual(['fog-s1', 'fog-s4']);
    expect(Array.from(sample.corrupted[1].data)).toEqual(Array.from(expected));
  });

  it('occlusion: maps over the image whose base values are the sample\'s own metrics', async () => {
    const result = await engine.getOcclusion({ path: bundle, modelId: 'dense', setId: 'contrast-s4', index: 5, patch: 2, stride: 2 });
    const metrics = await engine.getSampleMetrics({ path: bundle, modelId: 'dense', setId: 'contrast-s4' });
    expect(result.angleGt).toHaveLength(64);
    // The base is a fresh float32 run of the image; the metrics come from the cache's float16 features
    // (the default storage): angles and length agree within its tolerance, the logit margin exactly.
    expect(Math.abs(result.base.angleGt - metrics.angleGt[5])).toBeLessThanOrEqual(FEATURE_ANGLE_TOLERANCE_DEG);
    expect(result.base.logitMargin).toBeCloseTo(metrics.logitMargin[5], 4);
    expect(Math.abs(result.base.length - metrics.length[5])).toBeLessThanOrEqual(FEATURE_TOLERANCE * metrics.length[5]);
    expect(result.logitMargin.some((v) => v !== 0)).toBe(true);
  });

  it('neighbours: the clean samples nearest by cosine, as computed from the exported features', async () => {
    const read = async (setId: string) => readNpy((await engine.exportArray({ path: bundle, modelId: 'pruned', setId, kind: 'features' })).bytes);
    const [clean, fog] = await Promise.all([read('clean'), read('fog-s4')]);
    const dim = clean.header.shape[1];
    const cosine = (a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number) => {
      let dot = 0, na = 0, nb = 0;
      for (let d = 0; d < dim; d++) {
        dot += a[i * dim + d] * b[j * dim + d];
        na += a[i * dim + d] ** 2;
        nb += b[j * dim + d] ** 2;
      }
      return dot / Math.sqrt(na * nb);
    };
    const metrics = await engine.getSampleMetrics({ path: bundle, modelId: 'pruned', setId: 'fog-s4' });
    for (const [setId, data, exclude] of [['fog-s4', fog.data, -1], ['clean', clean.data, 17]] as const) {
      const got = await engine.getNeighbours({ path: bundle, modelId: 'pruned', setId, index: 17, k: 5 });
      const ranked = Array.from({ length: 200 }, (_, j) => j).filter((j) => j !== exclude && Number.isFinite(cosine(data as Float32Array, 17, clean.data as Float32Array, j)));
      ranked.sort((x, y) => cosine(data as Float32Array, 17, clean.data as Float32Array, y) - cosine(data as Float32Array, 17, clean.data as Float32Array, x) || x - y);
      expect(got.neighbours.map((n) => n.index)).toEqual(ranked.slice(0, 5));
      got.neighbours.forEach((n) => {
        expect(n.similarity).toBeCloseTo(cosine(data as Float32Array, 17, clean.data as Float32Array, n.index), 5);
        expect(Math.cos((n.angle * Math.PI) / 180)).toBeCloseTo(n.similarity, 5);
        expect(n.label).toBe(n.index % 3); // the fixture's labels
      });
      expect(got.label).toBe(17 % 3);
    }
    expect((await engine.getNeighbours({ path: bundle, modelId: 'pruned', setId: 'fog-s4', index: 17 })).pred).toBe(metrics.pred[17]);
    await expect(engine.getNeighbours({ path: bundle, modelId: 'pruned', setId: 'clean', index: 200 })).rejects.toThrow(/out of range: the analysis covers samples 0–199/);
  });

  it('similarity and redundancy: identities on the diagonal, categories vs dense', async () => {
    const sim = await engine.getSimilarity({ path: bundle });
    expect(sim.models).toEqual(['dense', 'pruned']);
    expect(sim.distance[0]).toBe(0);
    expect(sim.cka[0]).toBeCloseTo(1, 5);
    expect(sim.agreement[3]).toBe(1);
    expect(sim.ckaSamples).toBe(sim.samples); // below CKA_MAX_SAMPLES: every clean sample
    expect(sim.samples).toBeGreaterThan(0);
    const red = await engine.getRedundancy({ path: bundle });
    expect(red.corruptions).toHaveLength(3);
    expect(red.sampleCorrelation[0]).toBeCloseTo(1, 5);
    const pruned = await engine.getSampleMetrics({ path: bundle, modelId: 'pruned', setId: 'clean' });
    const dense = await engine.getSampleMetrics({ path: bundle, modelId: 'dense', setId: 'clean' });
    pruned.category.forEach((c, i) => expect(c).toBe((dense.correct[i] ? 0 : 2) + (pruned.correct[i] ? 0 : 1)));
    expect(dense.category.every((c) => c === 255)).toBe(true);
  });

  it('projections: the dense map, pruned maps aligned to it, corrupted sets placed into them; seeded', async () => {
    const dense = await engine.getProjection({ path: bundle, modelId: 'dense', setId: 'clean', dims: 3 });
    expect(dense.coords).toHaveLength(200 * 3);
    expect(dense.residual).toBe(0);
    const pruned = await engine.getProjection({ path: bundle, modelId: 'pruned', setId: 'clean', dims: 3 });
    expect(Number.isFinite(pruned.residual)).toBe(true);
    expect(pruned.residual).toBeLessThan(1.5);
    const fog = await engine.getProjection({ path: bundle, modelId: 'pruned', setId: 'fog-s4', dims: 3 });
    expect(fog.coords).toHaveLength(200 * 3);
    expect(Array.from(fog.coords).every(Number.isFinite)).toBe(true);
    const again = createEngine({ transport: 'in-process', cacheDir: mkdtempSync(path.join(tmpdir(), 'prunelens-views2-')), workers: 1 });
    try {
      const done = new Promise((resolve) => again.subscribe((e) => e.type === 'job-finished' && resolve(e)));
      await again.startAnalysis({ path: bundle });
      await done;
      expect(Array.from((await again.getProjection({ path: bundle, modelId: 'dense', setId: 'clean', dims: 3 })).coords)).toEqual(Array.from(dense.coords));
    } finally {
      await again.dispose();
    }
  }, 120_000);
});
