// Benchmark of the geometry analytics at a realistic grid size:
// 10 models × 96 sets (clean + 19 corruptions × 5 severities) × 1,000 samples, 128-d features, 10 classes.
// Run: node --import tsx tools/bench/analysis-bench.ts   (prints a Markdown section for BENCHMARKS.md)
// The timed passes see the whole grid's data (features are per set, shared by the models; logits
// per model × set), so memory traffic is that of the real grid, not of one cache-resident block.
import { cpus, loadavg } from 'node:os';
import { resourceUsage } from 'node:process';
import { aggregateGeometry } from '../../src-shared/analysis/aggregates';
import { ckaMatrix } from '../../src-shared/analysis/cka';
import { geometricSimilarity, predictionAgreement } from '../../src-shared/analysis/model-similarity';
import { accuracyDropVectors, benchmarkRedundancy } from '../../src-shared/analysis/redundancy';
import { computeRobustness } from '../../src-shared/analysis/robustness';
import type { ModelErrorRates } from '../../src-shared/analysis/robustness';
import { rowDots } from '../../src-shared/analysis/dot-kernel';
import { computeSampleGeometry } from '../../src-shared/analysis/sample-geometry';
import type { LinearHead, SampleGeometry } from '../../src-shared/analysis/types';
import { allCorruptions } from '../../src-shared/bundle/manifest';
import { createRng } from '../../src-shared/base/rng';

const MODELS = 10;
const SEVERITIES = 5;
const SETS = 1 + allCorruptions.length * SEVERITIES;
const N = 1000;
const D = 128;
const C = 10;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

const loadStart = loadavg();
const rng = createRng(7);
const labels = Int32Array.from({ length: N }, () => rng.int(C));
const heads: LinearHead[] = Array.from({ length: MODELS }, () => ({
  weights: Float32Array.from({ length: C * D }, () => rng.normal()),
  bias: Float32Array.from({ length: C }, () => rng.normal() * 0.1),
  classes: C,
  featureDim: D,
}));
// ReLU-like non-negative features with a class signal; ~5% exact zeros.
const features = Array.from({ length: SETS }, () =>
  Float32Array.from({ length: N * D }, (_, k) => {
    const v = rng.normal() + ((k % D) % C === labels[Math.floor(k / D)] ? 1 : 0);
    return v > -1.6 ? Math.max(v, 0) : 0;
  }),
);
const logits = Array.from({ length: MODELS * SETS }, () => Float32Array.from({ length: N * C }, (_, k) => rng.normal() + (k % C === labels[Math.floor(k / C)] ? 2 : 0)));
const rssSetup = process.memoryUsage().rss;

/** Wall time and this process's CPU time (user + system): on a busy shared machine the CPU time
 * is the steadier figure, the wall time what a user waits. */
function time<T>(fn: () => T): { result: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = fn();
  const used = process.cpuUsage(cpu);
  return { result, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}
const fmt = (t: { ms: number; cpuMs: number }) => `${(t.ms / 1000).toFixed(2)} s (CPU ${(t.cpuMs / 1000).toFixed(2)} s)`;

// Reference passes: only the unavoidable C×d dot products over the same data — the naive double
// loop, and the unrolled kernel the geometry uses.
function dotPass(kernel: boolean): number {
  let sink = 0;
  const dots = new Float64Array(C);
  for (let m = 0; m < MODELS; m++) {
    const W = heads[m].weights;
    for (let s = 0; s < SETS; s++) {
      const f = features[s];
      for (let i = 0; i < N; i++) {
        if (kernel) {
          rowDots(W, C, D, f, i * D, dots);
          sink += dots[0];
          continue;
        }
        for (let c = 0; c < C; c++) {
          let dot = 0;
          for (let k = 0; k < D; k++) dot += W[c * D + k] * f[i * D + k];
          sink += dot;
        }
      }
    }
  }
  return sink;
}

// Warm-up on one pair so the timed passes measure steady-state code.
aggregateGeometry(computeSampleGeometry({ head: heads[0], features: features[0], labels, logits: logits[0] }), labels);
dotPass(true);
const naive = time(() => dotPass(false));
const kernel = time(() => dotPass(true));
const geometry = time(() => {
  const out: SampleGeometry[] = [];
  for (let m = 0; m < MODELS; m++) for (let s = 0; s < SETS; s++) out.push(computeSampleGeometry({ head: heads[m], features: features[s], labels, logits: logits[m * SETS + s] }));
  return out;
});
const rssGeometry = process.memoryUsage().rss;
const aggregates = time(() => geometry.result.map((g) => aggregateGeometry(g, labels)));

const errorOf = (g: SampleGeometry) => 1 - g.correct.reduce((a, b) => a + b, 0) / g.count;
const rates: ModelErrorRates[] = Array.from({ length: MODELS }, (_, m) => ({
  id: `m${m}`,
  clean: errorOf(geometry.result[m * SETS]),
  corrupted: Object.fromEntries(allCorruptions.map((c, ci) => [c, Array.from({ length: SEVERITIES }, (_, s) => errorOf(geometry.result[m * SETS + 1 + ci * SEVERITIES + s]))])),
}));
const scores = time(() => {
  const robustness = computeRobustness(rates, { baseline: 'm0' });
  const redundancy = benchmarkRedundancy([...allCorruptions], accuracyDropVectors(rates, [...allCorruptions]));
  return { robustness, redundancy };
});
const clean = Array.from({ length: MODELS }, (_, m) => geometry.result[m * SETS]);
const similarity = time(() => ({ geo: geometricSimilarity(clean), agreement: predictionAgreement(clean.map((g) => g.pred)) }));
const cka = time(() => ckaMatrix(Array.from({ length: MODELS }, (_, m) => ({ data: features[m % SETS], dim: D })), N));

const rows = MODELS * SETS * N;
const maxRss = resourceUsage().maxRSS * 1024;
const zeroRows = geometry.result.reduce((a, g) => a + g.zeroFeatureCount, 0);
console.log(`## Analysis

Command: \`node --import tsx tools/bench/analysis-bench.ts\` (Node ${process.version}; one run; wall time and this process's CPU time).
Grid: ${MODELS} models × ${SETS} sets × ${N.toLocaleString('en-US')} samples = ${rows.toLocaleString('en-US')} rows, ${D}-d features, ${C} classes (${zeroRows} zero-feature rows).

| step | time | per row / note |
|---|---|---|
| per-sample geometry (all ${MODELS * SETS} model × set pairs) | ${fmt(geometry)} | ${((geometry.cpuMs * 1e6) / rows).toFixed(0)} CPU ns/row |
| reference: W·f alone, unrolled kernel | ${fmt(kernel)} | geometry = ${(geometry.cpuMs / kernel.cpuMs).toFixed(2)}× this (CPU) |
| reference: W·f alone, naive double loop | ${fmt(naive)} | kernel = ${(kernel.cpuMs / naive.cpuMs).toFixed(2)}× this (CPU) |
| aggregates (overall + ${C} classes × 9 metrics, each pair) | ${fmt(aggregates)} | ${(aggregates.cpuMs / geometry.cpuMs).toFixed(2)}× the geometry (CPU) |
| robustness scores + benchmark redundancy (19 corruptions) | ${fmt(scores)} | |
| model similarity on clean (distances, MDS, MST, agreement) | ${fmt(similarity)} | ${MODELS} models × ${N} samples |
| linear CKA matrix on clean | ${fmt(cka)} | ${MODELS}×${MODELS}, ${N} samples × ${D}-d |
| **geometry + aggregates** | **${((geometry.ms + aggregates.ms) / 1000).toFixed(2)} s (CPU ${((geometry.cpuMs + aggregates.cpuMs) / 1000).toFixed(2)} s)** | target < 1 s CPU |

Load average at the start ${loadStart.map((v) => v.toFixed(1)).join(' / ')}, at the end ${loadavg().map((v) => v.toFixed(1)).join(' / ')} (1/5/15 min) on ${cpus().length} cores.
Memory: input data ${mib(rssSetup)} MiB RSS after setup; ${mib(rssGeometry)} MiB after the geometry pass (outputs ≈ ${mib(geometry.result.length * N * (9 * 4 + 4 + 1))} MiB); peak RSS (resourceUsage maxRSS) ${mib(maxRss)} MiB.
`);
