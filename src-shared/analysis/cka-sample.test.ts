// The CKA subsample: none below the cap; above it, sorted distinct rows, stable by seed, spread over
// the whole range; gathering copies the right rows; and CKA on the subsample stays close to the
// full value on correlated features (the reason subsampling is allowed at all).
import { describe, expect, it } from 'vitest';
import { createRng } from '../base/rng';
import { ckaMatrix } from './cka';
import { gatherRows } from '../projection/distance';
import { CKA_MAX_SAMPLES, ckaSampleRows } from './cka-sample';

describe('ckaSampleRows', () => {
  it('uses every row up to the cap', () => {
    expect(ckaSampleRows(CKA_MAX_SAMPLES)).toBeNull();
    expect(ckaSampleRows(10, 10)).toBeNull();
  });

  it('above the cap: `max` sorted distinct rows in range, the same for the same seed, others for another', () => {
    const rows = ckaSampleRows(20_000, 5_000)!;
    expect(rows).toHaveLength(5_000);
    for (let k = 1; k < rows.length; k++) expect(rows[k]).toBeGreaterThan(rows[k - 1]);
    expect(rows[rows.length - 1]).toBeLessThan(20_000);
    expect(ckaSampleRows(20_000, 5_000)).toEqual(rows);
    expect(ckaSampleRows(20_000, 5_000, 7)).not.toEqual(rows);
    // Uniform over the range: a quarter of the sample in each quarter, within 4 standard deviations.
    for (let q = 0; q < 4; q++) {
      const inQuarter = rows.filter((r) => r >= q * 5_000 && r < (q + 1) * 5_000).length;
      expect(Math.abs(inQuarter - 1_250)).toBeLessThan(4 * Math.sqrt(5_000 * 0.25 * 0.75));
    }
  });
});

describe('gatherRows', () => {
  it('copies the chosen rows in order', () => {
    const data = Float32Array.from({ length: 5 * 3 }, (_, i) => i);
    expect(Array.from(gatherRows(data, 3, Int32Array.from([1, 4])))).toEqual([3, 4, 5, 12, 13, 14]);
  });
});

describe('CKA on the subsample', () => {
  it('is within 0.02 of the full value on correlated features', () => {
    const n = 12_000;
    const [dx, dy] = [16, 12];
    const rng = createRng(3);
    const x = new Float32Array(n * dx);
    const y = new Float32Array(n * dy);
    for (let i = 0; i < n; i++) {
      const latent = [rng.normal(), rng.normal(), rng.normal()];
      for (let j = 0; j < dx; j++) x[i * dx + j] = latent[j % 3] * (1 + j / dx) + 0.5 * rng.normal();
      for (let j = 0; j < dy; j++) y[i * dy + j] = latent[(j + 1) % 3] - 0.3 * latent[j % 3] + 0.8 * rng.normal();
    }
    const full = ckaMatrix([{ data: x, dim: dx }, { data: y, dim: dy }], n)[1];
    const rows = ckaSampleRows(n, 3_000)!;
    const sub = ckaMatrix([{ data: gatherRows(x, dx, rows), dim: dx }, { data: gatherRows(y, dy, rows), dim: dy }], rows.length)[1];
    expect(full).toBeGreaterThan(0.1);
    expect(full).toBeLessThan(0.95);
    expect(Math.abs(sub - full)).toBeLessThan(0.02);
  });
});
