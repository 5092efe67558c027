// Both kernel paths (WebAssembly: SIMD dot products and radix sort, the default where they run; and
// the JavaScript fallback) give the same geometry and aggregates, value for value (Object.is: NaN, ±Inf
// and −0 included), on the NumPy fixture and on data full of awkward rows. The fixture and reference
// tests run on the default path; this carries their verdict over to the other one.
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureFeatures, fixtureHead, fixtureLogits, loadAnalysisFixture } from '../../tools/fixtures/analysis/load-fixture';
import { createRng } from '../base/rng';
import { aggregateGeometry } from './aggregates';
import { computeSampleGeometry } from './sample-geometry';
import { sampleMetrics } from './types';
import type { SampleGeometryInput } from './types';
import { forceGeometryKernel } from './wasm-runtime';
import type { GeometryKernel } from './wasm-runtime';

afterEach(() => forceGeometryKernel(null));

function runWith(kernel: GeometryKernel, input: SampleGeometryInput) {
  forceGeometryKernel(kernel);
  const geometry = computeSampleGeometry(input);
  return { geometry, aggregates: aggregateGeometry(geometry, input.labels) };
}

/** JSON that keeps NaN, ±Inf and −0 apart (plain JSON writes them all as null or 0). */
const canonical = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `n:${Object.is(v, -0) ? '-0' : v}` : v));

/** Every per-sample value and every summary that differs between the two paths (none expected). */
function differences(input: SampleGeometryInput): string[] {
  const simd = runWith('wasm', input);
  const scalar = runWith('js', input);
  const out: string[] = [];
  for (const key of [...sampleMetrics.map((m) => m.key), 'pred', 'correct'] as const) {
    const a = simd.geometry[key];
    const b = scalar.geometry[key];
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push(`${key}[${i}]: ${a[i]} vs ${b[i]}`);
  }
  const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
  if (!same(simd.aggregates, scalar.aggregates)) out.push('aggregates differ');
  if (!same([simd.geometry.zeroFeatureCount, simd.geometry.nonFinite], [scalar.geometry.zeroFeatureCount, scalar.geometry.nonFinite])) out.push('counts differ');
  return out;
}

describe('computeSampleGeometry: SIMD and scalar paths agree exactly', () => {
  const fx = loadAnalysisFixture();
  for (let m = 0; m < 3; m++) {
    it(`on the NumPy fixture, model ${fx.expected.meta.models[m]}`, () => {
      expect(differences({ head: fixtureHead(fx, m), features: fixtureFeatures(fx, m), labels: fx.labels, logits: fixtureLogits(fx, m, 0) })).toEqual([]);
    });
  }

  for (const [seed, n, C, d] of [
    [1, 700, 10, 128],
    [2, 257, 3, 7],
    [3, 150, 7, 33],
    [4, 61, 2, 1],
    [5, 40, 301, 2048],
  ]) {
    it(`on random data with zero, −0, non-finite and saturated rows (N=${n}, C=${C}, d=${d})`, () => {
      const rng = createRng(seed);
      const labels = Int32Array.from({ length: n }, () => rng.int(C));
      const weights = Float32Array.from({ length: C * d }, () => rng.normal());
      weights.copyWithin(d, 0, d); // identical directions
      weights.fill(0, (C - 1) * d); // a zero class direction
      const features = Float32Array.from({ length: n * d }, () => Math.max(0, rng.normal()));
      const logits = Float32Array.from({ length: n * C }, () => Math.round(rng.normal() * 8) / 4);
      features.fill(0, 0, d);
      features.fill(-0, d, 2 * d);
      features[2 * d] = NaN;
      features[3 * d + d - 1] = Infinity;
      features[4 * d] = -Infinity;
      features[5 * d] = 3e38; // ‖f‖² overflows
      logits[6 * C] = NaN;
      logits[7 * C + 1] = Infinity;
      logits.fill(-0, 8 * C, 9 * C);
      logits.fill(90, 9 * C, 10 * C);
      expect(differences({ head: { weights, bias: new Float32Array(C), classes: C, featureDim: d }, features, labels, logits })).toEqual([]);
    });
  }
});
