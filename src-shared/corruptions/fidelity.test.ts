// All 19 corruptions against the ORIGINAL make_cifar_c.py (Hendrycks & Dietterich), run locally by
// tools/fixtures/corruptions/make_fidelity_fixtures.py on 64 synthetic 32×32 RGB images (see
// docs/FIDELITY.md). Deterministic corruptions: PSNR ≥ 50 dB against its uint8 outputs (all are
// pixel-exact today). glass_blur: pixel-exact under the original's own recorded random draws (the
// copy-not-swap semantics). Random corruptions: mean absolute change and high-frequency power over
// the 64 images, averaged over 2 of our seeds, within max(8 %, the reference's spread over 8 seeds).
import { describe, expect, it } from 'vitest';
import { compareRandom, deterministicCorruptions, deterministicPsnr, fidelityInputs, psnr, randomCorruptions, referenceStats } from '../../tools/fixtures/corruptions/fidelity';
import { loadFixture } from '../../tools/fixtures/corruptions/images';
import type { Rng } from '../base/rng';
import { applyCorruption } from './index';

const inputs = fidelityInputs();

describe('fidelity fixtures', () => {
  it('cover 64 images, 8 reference seeds and every random corruption', () => {
    expect(inputs).toHaveLength(64);
    const stats = referenceStats();
    expect(stats.seeds).toBe(8);
    expect(Object.keys(stats.corruptions).sort()).toEqual([...randomCorruptions].sort());
    expect([...deterministicCorruptions, ...randomCorruptions].sort()).toHaveLength(19);
  });
});

describe.each(deterministicCorruptions)('%s against the original', (name) => {
  it('is within 50 dB PSNR at every severity', () => {
    const values = deterministicPsnr(name, inputs);
    expect(values).toHaveLength(5);
    for (const [s, v] of values.entries()) expect(v, `severity ${s + 1}`).toBeGreaterThanOrEqual(50);
  });
});

/** An Rng that replays numpy.random.randint(-1, 1) draws recorded from the original (stored +1). */
function replay(draws: Uint8Array): Rng & { used: () => number } {
  let at = 0;
  const fail = (): never => { throw new Error('glass_blur drew something other than randint'); };
  return {
    int(n: number) {
      expect(n).toBe(2);
      if (at >= draws.length) throw new Error('ran out of recorded draws');
      return draws[at++];
    },
    next: fail,
    normal: fail,
    poisson: fail,
    used: () => at,
  } as Rng & { used: () => number };
}

describe('glass_blur against the original', () => {
  const { shape, data: draws } = loadFixture('fidelity-glass-draws');
  const expected = loadFixture('fidelity-glass_blur');

  it('is pixel-exact under the same draws (the neighbour is copied, not swapped)', () => {
    const [count, perImage] = shape;
    const n = 32 * 32 * 3;
    for (let i = 0; i < count; i++) {
      const rng = replay(draws.subarray(i * perImage, (i + 1) * perImage));
      for (let s = 1; s <= 5; s++) {
        const ours = applyCorruption(inputs[i], 'glass_blur', s, rng);
        const at = (i * 5 + (s - 1)) * n;
        expect(psnr(ours, expected.data.subarray(at, at + n)), `image ${i} severity ${s}`).toBe(Infinity);
      }
      expect(rng.used()).toBe(perImage);
    }
  });

});

describe.each(randomCorruptions)('%s against the original (statistics)', (name) => {
  it('mean absolute change and high-frequency power are within max(8 %, the reference seed spread)', () => {
    const { meanAbsChange, hfPower } = compareRandom(name, inputs, 2);
    for (const c of [...meanAbsChange, ...hfPower]) {
      expect(c.reference).toBeGreaterThan(0);
      expect(c, `severity ${c.severity}: ours ${c.ours.toFixed(2)} vs reference ${c.reference.toFixed(2)} ± ${c.tolerance.toFixed(2)}`).toMatchObject({ ok: true });
    }
  }, 60_000);
});
