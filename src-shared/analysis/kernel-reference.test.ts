// The fast geometry and aggregate kernels (fused row pass, radix-sorted summaries) against tiny,
// obviously-correct reference implementations on random data with the awkward cases mixed in:
// zero and non-finite feature rows, non-finite and tied logits, −0, saturated (repeated) values.
import { describe, expect, it } from 'vitest';
import { createRng } from '../base/rng';
import { aggregateGeometry } from './aggregates';
import type { GeometryAggregate } from './aggregates';
import { RadixSorter } from './radix-order';
import { computeSampleGeometry } from './sample-geometry';
import type { MetricSummary } from './stats';
import { sampleMetrics } from './types';
import type { LabelArray, LinearHead, SampleGeometry } from './types';

const DEG = 180 / Math.PI;
const angle = (cos: number) => Math.acos(Math.max(-1, Math.min(1, cos))) * DEG;

/** Reference per-sample geometry: one plain formula per metric, row by row. */
function referenceGeometry(head: LinearHead, features: Float32Array, logits: Float32Array, labels: LabelArray) {
  const { classes: C, featureDim: d, weights: W } = head;
  const row = (a: Float32Array, r: number, len: number) => Array.from(a.subarray(r * len, r * len + len));
  const w = Array.from({ length: C }, (_, c) => row(W, c, d));
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return Array.from(labels, (y, i) => {
    const f = row(features, i, d);
    const z = row(logits, i, C);
    const cos = w.map((wc) => wc.reduce((s, x, k) => s + x * f[k], 0) / (norm(wc) * norm(f)));
    // Maxima skip NaN (a NaN logit is never the prediction nor the rival); ties → lowest index.
    const zMax = nanMax(z);
    const pred = Math.max(0, z.indexOf(zMax));
    const others = z.map((_, c) => c).filter((c) => c !== y);
    const p = z.map((v) => Math.exp(v - zMax));
    const sum = p.reduce((s, v) => s + v, 0);
    const geoms = others.map((c) => (z[y] - z[c]) / norm(w[y].map((x, k) => x - w[c][k]))).filter((g) => !Number.isNaN(g));
    const rivalCos = others.map((c) => cos[c]).filter((v) => !Number.isNaN(v));
    return {
      length: norm(f),
      angleGt: angle(cos[y]),
      anglePred: angle(cos[pred]),
      angleRival: rivalCos.length ? angle(Math.max(...rivalCos)) : NaN,
      logitMargin: z[y] - nanMax(others.map((c) => z[c])),
      // An infinite margin (from an infinite logit) is reported as undefined, like no boundary at all.
      geomMargin: geoms.length && Math.min(...geoms) !== Infinity ? Math.min(...geoms) : NaN,
      confidence: p[y] / sum,
      predConfidence: p[pred] / sum,
      entropy: -p.reduce((s, v) => s + (v > 0 ? (v / sum) * Math.log(v / sum) : 0), 0),
      pred,
      correct: pred === y && z.every(Number.isFinite) ? 1 : 0,
    };
  });
}

/** Reference summary: drop NaNs, full sort, NumPy-linear quantiles, two-pass population std. */
function referenceSummary(values: number[]): MetricSummary {
  const kept = values.filter((v) => !Number.isNaN(v));
  const n = kept.length;
  const sorted = Float64Array.from(kept).sort();
  const mean = kept.reduce((s, v) => s + v, 0) / n;
  const std = Math.sqrt(kept.reduce((s, v) => s + (v - mean) * (v - mean), 0) / n);
  const q = (f: number) => {
    const pos = f * (n - 1);
    const lo = Math.floor(pos);
    // An exact order statistic is returned as is (no 0 · ∞ next to an infinite neighbour).
    return pos === lo ? sorted[lo] : sorted[lo] + (sorted[Math.min(lo + 1, n - 1)] - sorted[lo]) * (pos - lo);
  };
  if (n === 0) return { count: 0, nanCount: values.length, mean: NaN, std: NaN, min: NaN, max: NaN, q05: NaN, q25: NaN, q50: NaN, q75: NaN, q95: NaN };
  return { count: n, nanCount: values.length - n, mean, std, min: sorted[0], max: sorted[n - 1], q05: q(0.05), q25: q(0.25), q50: q(0.5), q75: q(0.75), q95: q(0.95) };
}

const close = (a: number, b: number, rel: number) => a === b || (Number.isNaN(b) ? Number.isNaN(a) : Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1));
const nanMax = (xs: number[]) => xs.reduce((m, v) => (v > m ? v : m), -Infinity);
/** Softmax figures of a row with a non-finite logit are NaN by convention (non-finite.test.ts). */
const softmaxKeys = new Set(['confidence', 'predConfidence', 'entropy']);

function randomCase(seed: number, n: number, C: number, d: number) {
  const rng = createRng(seed);
  const labels = Uint8Array.from({ length: n }, () => rng.int(C));
  const weights = Float32Array.from({ length: C * d }, () => rng.normal());
  weights.copyWithin(d, 0, d); // classes 0 and 1 share a direction: an undefined geometric margin
  const features = Float32Array.from({ length: n * d }, (_, k) => Math.max(0, rng.normal() + (k % d) / d));
  const logits = Float32Array.from({ length: n * C }, (_, k) => Math.round((rng.normal() + (k % C === labels[Math.floor(k / C)] ? 1.5 : 0)) * 4) / 4);
  for (let i = 0; i < n; i += 37) features.fill(0, i * d, i * d + d); // zero rows
  features[5 * d + 1] = NaN;
  features[9 * d] = Infinity;
  logits[3 * C] = NaN;
  logits[4 * C + 1] = Infinity;
  logits[6 * C + 2] = -Infinity;
  logits.fill(80, 8 * C, 9 * C); // saturated and tied
  logits[10 * C] = -0;
  return { labels, features, logits, head: { weights, bias: new Float32Array(C), classes: C, featureDim: d } };
}

describe('fast kernels against the reference implementations', () => {
  for (const [seed, n, C, d] of [
    [1, 400, 10, 128],
    [2, 257, 3, 7],
    [3, 150, 7, 33],
  ]) {
    const { labels, features, logits, head } = randomCase(seed, n, C, d);
    const geometry: SampleGeometry = computeSampleGeometry({ head, features, labels, logits });

    it(`per-sample geometry (N=${n}, C=${C}, d=${d}) within 1e-6 relative`, () => {
      const want = referenceGeometry(head, features, logits, labels);
      let checked = 0;
      want.forEach((w, i) => {
        expect([i, geometry.pred[i], geometry.correct[i]]).toEqual([i, w.pred, w.correct]);
        const finiteRow = logits.subarray(i * C, i * C + C).every(Number.isFinite);
        for (const { key } of sampleMetrics) {
          if (!finiteRow && softmaxKeys.has(key)) continue;
          const ok = close(geometry[key][i], w[key], 1e-6);
          if (!ok) expect([i, key, geometry[key][i]]).toEqual([i, key, w[key]]);
          checked++;
        }
      });
      expect(checked).toBe(n * sampleMetrics.length - 3 * softmaxKeys.size);
      expect(geometry.nonFinite).toEqual({ logits: 3, features: 2 });
    });

    it(`aggregates (N=${n}, C=${C}) equal the sort-based reference`, () => {
      const got = aggregateGeometry(geometry, labels);
      const check = (g: GeometryAggregate, members: number[]) => {
        expect(g.count).toBe(members.length);
        expect(g.correctCount).toBe(members.filter((i) => geometry.correct[i]).length);
        for (const { key } of sampleMetrics) {
          const want = referenceSummary(members.map((i) => geometry[key][i]));
          const have = g.metrics[key];
          expect([key, have.count, have.nanCount, have.min, have.max, have.q05, have.q25, have.q50, have.q75, have.q95]).toEqual([
            key, want.count, want.nanCount, want.min, want.max, want.q05, want.q25, want.q50, want.q75, want.q95,
          ]);
          expect([key, close(have.mean, want.mean, 1e-12), close(have.std, want.std, 1e-12)]).toEqual([key, true, true]);
        }
      };
      const all = Array.from(labels, (_, i) => i);
      check(got.overall, all);
      for (let c = 0; c < C; c++) check(got.perClass[c], all.filter((i) => labels[i] === c));
    });
  }
});

describe('RadixSorter', () => {
  it('sorts float32 values stably, negatives, infinities and ±0 included', () => {
    const rng = createRng(11);
    const values = Float32Array.from({ length: 3000 }, (_, i) => (i % 5 === 0 ? Math.round(rng.normal() * 3) : rng.normal() * 10 ** rng.int(8) * (rng.next() < 0.5 ? -1e-3 : 1)));
    values.set([Infinity, -Infinity, -0, 0, -0, 1e-45, -1e-45, 3.4e38, -3.4e38], 100);
    const index = Int32Array.from({ length: values.length }, (_, i) => values.length - 1 - i); // reversed subset order
    const sorted = new Float64Array(values.length);
    const order = new Int32Array(values.length);
    new RadixSorter().sort(values, index, values.length, sorted, order);
    const position = new Int32Array(values.length);
    index.forEach((i, k) => (position[i] = k));
    const want = Array.from(index).sort((a, b) => values[a] - values[b] || position[a] - position[b]);
    expect(Array.from(sorted)).toEqual(want.map((i) => values[i]));
    // Stable: equal values keep the order they had in `index` (the −0/+0 block included).
    expect(Array.from(order)).toEqual(want);
  });
});
