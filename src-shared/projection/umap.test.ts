import { describe, expect, it } from 'vitest';
import { gaussianMixture } from '../../tools/fixtures/projection/datasets';
import { PruneLensError } from '../base/errors';
import { embeddingQuality } from './quality';
import { fitUmap, initUmap, stepUmap, umapResult } from './umap';
import type { UmapProgress } from './umap';

const n = 600, dim = 16;
const { data, labels } = gaussianMixture(n, dim, 5, 11);

/** Share of each point's 10 nearest embedding neighbours with the same mixture label. */
function labelAgreement(y: Float32Array, dims: number): number {
  let same = 0;
  for (let i = 0; i < n; i++) {
    const d = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let c = 0; c < dims; c++) s += (y[i * dims + c] - y[j * dims + c]) ** 2;
      return [s, j] as const;
    }).sort((a, b) => a[0] - b[0]);
    for (let t = 1; t <= 10; t++) if (labels[d[t][1]] === labels[i]) same++;
  }
  return same / (n * 10);
}

describe('UMAP', () => {
  it('is deterministic per seed and differs across seeds', async () => {
    const a = await fitUmap(data, n, dim, { nComponents: 3, seed: 1, nEpochs: 100 });
    const b = await fitUmap(data, n, dim, { nComponents: 3, seed: 1, nEpochs: 100 });
    const c = await fitUmap(data, n, dim, { nComponents: 3, seed: 2, nEpochs: 100 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.length).toBe(n * 3);
  });

  it('steppable API gives the same layout as fitUmap, in 2-D and 3-D', async () => {
    for (const nComponents of [2, 3]) {
      const state = initUmap(data, n, dim, { nComponents, seed: 4, nEpochs: 60 });
      let progress = stepUmap(state, 25);
      expect(progress).toMatchObject({ phase: 'layout', epoch: 25, nEpochs: 60 });
      progress = stepUmap(state, 1000);
      expect(progress.phase).toBe('done');
      expect(umapResult(state)).toEqual(await fitUmap(data, n, dim, { nComponents, seed: 4, nEpochs: 60 }));
    }
  });

  it('separates mixture clusters and keeps neighbourhoods (2-D and 3-D)', async () => {
    for (const nComponents of [2, 3]) {
      const y = await fitUmap(data, n, dim, { nComponents, seed: 3 });
      expect(y.every(Number.isFinite)).toBe(true);
      expect(labelAgreement(y, nComponents)).toBeGreaterThan(0.98);
      expect(embeddingQuality(data, dim, y, nComponents, n, 15).trustworthiness).toBeGreaterThan(0.9);
    }
  });

  it('uses the NN-descent path when asked and still separates clusters', async () => {
    const y = await fitUmap(data, n, dim, { nComponents: 2, seed: 5, knnMethod: 'nn-descent', nEpochs: 200 });
    expect(labelAgreement(y, 2)).toBeGreaterThan(0.98);
  });

  it('starts from a given embedding', () => {
    const start = Float32Array.from({ length: n * 2 }, (_, t) => (t % 2 ? labels[t >> 1] : t >> 1));
    const state = initUmap(data, n, dim, { nComponents: 2, initialEmbedding: start });
    // Rescaled per axis onto [0, 10], order preserved.
    expect(state.embedding[0]).toBe(0);
    expect(state.embedding[(n - 1) * 2]).toBe(10);
  });

  it('reports progress and stops with a cancelled error when aborted mid-fit', async () => {
    const controller = new AbortController();
    const seen: UmapProgress[] = [];
    const run = fitUmap(data, n, dim, {
      nComponents: 3,
      nEpochs: 5000,
      signal: controller.signal,
      sliceMs: 5,
      onProgress: (p) => {
        seen.push(p);
        if (p.epoch >= 50) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    const last = seen[seen.length - 1];
    expect(last.epoch).toBeGreaterThanOrEqual(50);
    expect(last.epoch).toBeLessThan(5000);
  });

  it('can be cancelled from a timer while running', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = performance.now();
    await expect(fitUmap(data, n, dim, { nEpochs: 100_000, signal: controller.signal })).rejects.toBeInstanceOf(PruneLensError);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('rejects bad input with specific errors', () => {
    expect(() => initUmap(new Float32Array(10), 3, 4)).toThrow(/expected 3×4/);
    expect(() => initUmap(Float32Array.of(1, 2, NaN, 4), 2, 2)).toThrow(/row 1, column 0/);
    expect(() => initUmap(data, n, dim, { nNeighbors: 1 })).toThrow(/nNeighbors/);
    expect(() => initUmap(data, n, dim, { initialEmbedding: new Float32Array(5) })).toThrow(/initialEmbedding/);
  });
});
