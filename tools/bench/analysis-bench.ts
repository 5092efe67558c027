// Benchmark of the geometry analytics at a realistic grid size:
// 10 models × 96 sets (clean + 19 corruptions × 5 severities) × 1,000 samples, 128-d features, 10 classes.
// Run: node --import tsx tools/bench/analysis-bench.ts   (prints a Markdown section for BENCHMARKS.md)
// PRUNELENS_GEOMETRY_KERNEL=js|wasm forces the kernels of the main table (WebAssembly SIMD dot
// products + radix sort, or the JavaScript ones; default: those selected at run time); the
// before/after table alternates both paths in the same run regardless.
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
import { wasmRowDots } from '../../src-shared/analysis/wasm-dots';
import { RadixSorter } from '../../src-shared/analysis/radix-order';
import { sampleMetrics } from '../../src-shared/analysis/types';
import { valueSorter } from '../../src-shared/analysis/wasm-radix';
import type { ValueSorter } from '../../src-shared/analysis/wasm-radix';
import { forceGeometryKernel, geometryKernel } from '../../src-shared/analysis/wasm-runtime';
import type { GeometryKernel } from '../../src-shared/analysis/wasm-runtime';
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

const forcedKernel = process.env.PRUNELENS_GEOMETRY_KERNEL;
if (forcedKernel && forcedKernel !== 'js' && forcedKernel !== 'wasm') throw new Error('PRUNELENS_GEOMETRY_KERNEL must be js or wasm.');
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
// loop, the unrolled scalar kernel, and the WebAssembly SIMD kernel (W·f and ‖f‖², blocks copied in).
function dotPass(kernel: boolean | 'wasm'): number {
  let sink = 0;
  const dots = new Float64Array(C);
  for (let m = 0; m < MODELS; m++) {
    const W = heads[m].weights;
    const simd = kernel === 'wasm' ? wasmRowDots(W, C, D)! : null;
    for (let s = 0; s < SETS; s++) {
      const f = features[s];
      if (simd) {
        for (let i = 0; i < N; i += simd.blockRows) {
          simd.run(f, i, Math.min(simd.blockRows, N - i));
          sink += simd.dots[0];
        }
        continue;
      }
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

const geometryPass = () => {
  const out: SampleGeometry[] = [];
  for (let m = 0; m < MODELS; m++) for (let s = 0; s < SETS; s++) out.push(computeSampleGeometry({ head: heads[m], features: features[s], labels, logits: logits[m * SETS + s] }));
  return out;
};
// Warm-up on one pair, both paths, so the timed passes measure steady-state code.
for (const k of ['js', 'wasm'] as const) {
  forceGeometryKernel(k);
  aggregateGeometry(computeSampleGeometry({ head: heads[0], features: features[0], labels, logits: logits[0] }), labels);
}
forceGeometryKernel((forcedKernel as GeometryKernel | undefined) ?? null);
const mainKernel = geometryKernel();
dotPass(true);
dotPass('wasm');
const naive = time(() => dotPass(false));
const kernel = time(() => dotPass(true));
const simdKernel = time(() => dotPass('wasm'));
const geometry = time(geometryPass);
const rssGeometry = process.memoryUsage().rss;
const aggregates = time(() => geometry.result.map((g) => aggregateGeometry(g, labels)));
// Peak RSS of the main passes (the alternated runs below keep more outputs alive).
const maxRss = resourceUsage().maxRSS * 1024;

// Reference: the aggregates' sorts alone (every metric's non-NaN values of every pair), each sorter.
const sortInputs = geometry.result.flatMap((g) =>
  sampleMetrics.map(({ key }) => ({ values: g[key], kept: Int32Array.from(Array.from(g[key].keys()).filter((i) => !Number.isNaN(g[key][i]))) })),
);
const sortPass = (sorter: ValueSorter) => {
  const sorted = new Float64Array(N);
  const order = new Int32Array(N);
  for (const { values, kept } of sortInputs) sorter.sort(values, kept, kept.length, sorted, order);
};
forceGeometryKernel('wasm');
const wasmSorter = valueSorter();
forceGeometryKernel((forcedKernel as GeometryKernel | undefined) ?? null);
sortPass(wasmSorter);
sortPass(new RadixSorter());
const sortJs = time(() => sortPass(new RadixSorter()));
const sortWasm = time(() => sortPass(wasmSorter));

// Before/after in one run: the JavaScript (js) and WebAssembly (wasm) kernels alternated, geometry
// then aggregates of its output, with the 1-minute load average before each run.
const alternated = (['js', 'wasm', 'js', 'wasm'] as const).map((k) => {
  forceGeometryKernel(k);
  const load = loadavg()[0];
  const g = time(geometryPass);
  const a = time(() => g.result.map((x) => aggregateGeometry(x, labels)));
  return { k, load, g, a };
});
forceGeometryKernel(null);

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
const zeroRows = geometry.result.reduce((a, g) => a + g.zeroFeatureCount, 0);
console.log(`## Analysis

Command: \`node --import tsx tools/bench/analysis-bench.ts\` (Node ${process.version}; one run; wall time and this process's CPU time).
Grid: ${MODELS} models × ${SETS} sets × ${N.toLocaleString('en-US')} samples = ${rows.toLocaleString('en-US')} rows, ${D}-d features, ${C} classes (${zeroRows} zero-feature rows).

| step | time | per row / note |
|---|---|---|
| per-sample geometry (all ${MODELS * SETS} model × set pairs; ${mainKernel} kernels) | ${fmt(geometry)} | ${((geometry.cpuMs * 1e6) / rows).toFixed(0)} CPU ns/row |
| reference: W·f and ‖f‖² alone, WebAssembly SIMD kernel | ${fmt(simdKernel)} | ${(simdKernel.cpuMs / kernel.cpuMs).toFixed(2)}× the unrolled scalar kernel (CPU) |
| reference: W·f alone, unrolled scalar kernel | ${fmt(kernel)} | geometry = ${(geometry.cpuMs / kernel.cpuMs).toFixed(2)}× this (CPU) |
| reference: W·f alone, naive double loop | ${fmt(naive)} | kernel = ${(kernel.cpuMs / naive.cpuMs).toFixed(2)}× this (CPU) |
| reference: the aggregates' ${sortInputs.length.toLocaleString('en-US')} radix sorts alone, WebAssembly | ${fmt(sortWasm)} | ${(sortWasm.cpuMs / sortJs.cpuMs).toFixed(2)}× the JavaScript sorter (CPU) |
| reference: the same sorts, JavaScript RadixSorter | ${fmt(sortJs)} | |
| aggregates (overall + ${C} classes × 9 metrics, each pair; ${mainKernel} kernels) | ${fmt(aggregates)} | ${(aggregates.cpuMs / geometry.cpuMs).toFixed(2)}× the geometry (CPU) |
| robustness scores + benchmark redundancy (19 corruptions) | ${fmt(scores)} | |
| model similarity on clean (distances, MDS, MST, agreement) | ${fmt(similarity)} | ${MODELS} models × ${N} samples |
| linear CKA matrix on clean | ${fmt(cka)} | ${MODELS}×${MODELS}, ${N} samples × ${D}-d |
| **geometry + aggregates** | **${((geometry.ms + aggregates.ms) / 1000).toFixed(2)} s (CPU ${((geometry.cpuMs + aggregates.cpuMs) / 1000).toFixed(2)} s)** | target < 1 s CPU |

Load average at the start ${loadStart.map((v) => v.toFixed(1)).join(' / ')}, at the end ${loadavg().map((v) => v.toFixed(1)).join(' / ')} (1/5/15 min) on ${cpus().length} cores.
Kernels alternated in this run (js = the JavaScript dot products and radix sort, forced; wasm = the
WebAssembly ones: SIMD dot products, radix sort):

| run | load (1 min) | geometry CPU | aggregates CPU | **geometry + aggregates CPU** |
|---|---|---|---|---|
${alternated.map(({ k, load, g, a }) => `| ${k} | ${load.toFixed(1)} | ${(g.cpuMs / 1000).toFixed(2)} s | ${(a.cpuMs / 1000).toFixed(2)} s | **${((g.cpuMs + a.cpuMs) / 1000).toFixed(2)} s** |`).join('\n')}

Ratio wasm / js (geometry + aggregates CPU, mean of the two pairs): ${(
  alternated.filter((r) => r.k === 'wasm').reduce((t, r) => t + r.g.cpuMs + r.a.cpuMs, 0) / alternated.filter((r) => r.k === 'js').reduce((t, r) => t + r.g.cpuMs + r.a.cpuMs, 0)
).toFixed(2)}.

Memory: input data ${mib(rssSetup)} MiB RSS after setup; ${mib(rssGeometry)} MiB after the geometry pass (outputs ≈ ${mib(geometry.result.length * N * (9 * 4 + 4 + 1))} MiB); peak RSS (resourceUsage maxRSS) ${mib(maxRss)} MiB.
`);
