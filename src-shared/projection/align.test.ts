import { describe, expect, it } from 'vitest';
import { gaussianMixture } from '../../tools/fixtures/projection/datasets';
import { createRng } from '../base/rng';
import { fitAligned, transformAligned } from './align';
import { procrustes } from './procrustes';
import { fitUmap } from './umap';

describe('alignment', () => {
  const n = 700, dim = 16;
  const { data } = gaussianMixture(n, dim, 6, 31);

  it('Procrustes reduces the residual between two UMAP runs with different seeds', async () => {
    const a = await fitUmap(data, n, dim, { nComponents: 3, seed: 1, nEpochs: 150 });
    const b = await fitUmap(data, n, dim, { nComponents: 3, seed: 2, nEpochs: 150, init: 'random' });
    const fit = procrustes(a, b, n, 3);
    expect(fit.residual).toBeLessThan(fit.residualBefore * 0.8);
  });

  it('fitAligned: followers start from the reference map and end close to it', async () => {
    // "Pruned" models: the dense features, perturbed and with some columns dropped.
    const rng = createRng(4);
    const pruned = (noise: number, keep: number) => {
      const out = new Float32Array(n * keep);
      for (let i = 0; i < n; i++) for (let c = 0; c < keep; c++) out[i * keep + c] = data[i * dim + c] + noise * rng.normal();
      return out;
    };
    const models = [data, pruned(0.3, 14), pruned(0.6, 12)];
    const progress: number[] = [];
    const result = await fitAligned(models, n, [16, 14, 12], { nComponents: 3, seed: 7, nEpochs: 150, onProgress: (p) => progress.push(p.fraction) });
    expect(result.models[0].residual).toBe(0);
    for (const i of [1, 2]) {
      const m = result.models[i];
      expect(m.embedding.length).toBe(n * 3);
      expect(m.residual).toBeLessThanOrEqual(m.residualBefore);
      expect(m.residual).toBeLessThan(0.5);
    }
    // Independent layouts of the same follower align far worse than the reference-started one.
    const independent = await fitUmap(models[2], n, 12, { nComponents: 3, seed: 99, nEpochs: 150, init: 'random' });
    expect(procrustes(result.models[0].embedding, independent, n, 3).residual).toBeGreaterThan(result.models[2].residual);
    expect(progress[progress.length - 1]).toBeCloseTo(1, 5);
    for (let t = 1; t < progress.length; t++) expect(progress[t]).toBeGreaterThanOrEqual(progress[t - 1] - 1e-9);
    // New points land in the aligned frame: a follower's own rows go back to its aligned positions.
    const placed = transformAligned(result, 1, models[1].subarray(0, 14 * 5), 5, { nEpochs: 0 });
    for (let t = 0; t < 15; t++) expect(placed[t]).toBeCloseTo(result.models[1].embedding[t], 3);
  });

  it('rejects a bad reference index', async () => {
    await expect(fitAligned([data], n, dim, { reference: 3 })).rejects.toThrow(/reference 3/);
  });
});
