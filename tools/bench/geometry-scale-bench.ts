// Geometry cost at ImageNet shape: computeSampleGeometry for 1,000 classes × 2,048-d features
// (the per-cell head set-up, C²·d, and the per-row cost, C·d), and the cache bytes per row under
// float32 and float16 feature storage. Prints a Markdown fragment for BENCHMARKS.md.
// Run: node --import tsx tools/bench/geometry-scale-bench.ts   (BENCH_C, BENCH_D, BENCH_N override the shape)
import { loadavg } from 'node:os';
import { createRng } from '../../src-shared/base/rng';
import { computeSampleGeometry } from '../../src-shared/analysis/sample-geometry';
import { forceGeometryKernel } from '../../src-shared/analysis/wasm-runtime';
import type { GeometryKernel } from '../../src-shared/analysis/wasm-runtime';
import type { LinearHead } from '../../src-shared/analysis/types';
import { decodeFeatures, encodeFeatures } from '../../electron/engine/cache/feature-storage';
import { readNpy, writeNpy } from '../../src-shared/formats/npy';

const C = Number(process.env.BENCH_C ?? 1000);
const D = Number(process.env.BENCH_D ?? 2048);
const N = Number(process.env.BENCH_N ?? 2000);
const SHARD = 1024;

const loadStart = loadavg().map((v) => v.toFixed(1)).join(' / ');
const rng = createRng(11);
const head: LinearHead = { weights: Float32Array.from({ length: C * D }, () => rng.normal() * 0.02), bias: new Float32Array(C), classes: C, featureDim: D };
const features = Float32Array.from({ length: N * D }, () => Math.max(0, rng.normal()));
const logits = new Float32Array(N * C);
for (let i = 0; i < N; i++) {
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (let k = 0; k < D; k++) s += head.weights[c * D + k] * features[i * D + k];
    logits[i * C + c] = s;
  }
}
const labels = Int32Array.from({ length: N }, () => rng.int(C));

const time = (n: number) => {
  const t0 = performance.now();
  computeSampleGeometry({ logits: logits.subarray(0, n * C), features: features.subarray(0, n * D), labels: labels.subarray(0, n), head });
  return performance.now() - t0;
};
// First call on a head: its set-up (class norms, C×C class distances) plus the rows; later calls: rows only.
const first = time(N);
const repeat = Math.min(time(N), time(N));
const one = Math.min(time(1), time(1));
const perRowMs = (repeat - one) / (N - 1);
// The later call on each dot-product path, alternated, in CPU seconds of this process (js = the
// scalar kernel, wasm = the WebAssembly SIMD kernel, the default where it runs).
const cpuOf = (kernel: GeometryKernel) => {
  forceGeometryKernel(kernel);
  const cpu = process.cpuUsage();
  time(N);
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1e6;
};
const paths = (['js', 'wasm', 'js', 'wasm'] as const).map((kernel) => ({ kernel, cpu: cpuOf(kernel) }));
forceGeometryKernel(null);
const pathSum = (kernel: GeometryKernel) => paths.filter((p) => p.kernel === kernel).reduce((t, p) => t + p.cpu, 0);

const shardBytes = (dtype: 'float32' | 'float16') => {
  const rows = Math.min(SHARD, N);
  return writeNpy(logits.subarray(0, rows * C), [rows, C]).length + encodeFeatures(features.subarray(0, rows * D), [rows, D], dtype).bytes.length;
};
// The same rows from float16-stored features: how far length and angles move (logits, hence
// predictions and margins, are stored as float32 and do not move).
const stored = readNpy(encodeFeatures(features, [N, D], 'float16').bytes);
const halfFeatures = decodeFeatures(stored.header, stored.data)!;
const geometryOf = (f: Float32Array) => computeSampleGeometry({ logits, features: f, labels, head });
const [g32, g16] = [geometryOf(features), geometryOf(halfFeatures)];
let angleDiff = 0;
let lengthDiff = 0;
for (let i = 0; i < N; i++) {
  for (const key of ['angleGt', 'anglePred', 'angleRival'] as const) angleDiff = Math.max(angleDiff, Math.abs(g32[key][i] - g16[key][i]));
  lengthDiff = Math.max(lengthDiff, Math.abs(g32.length[i] - g16.length[i]) / g32.length[i]);
}

const perRow = (dtype: 'float32' | 'float16') => shardBytes(dtype) / Math.min(SHARD, N);
const loadEnd = loadavg().map((v) => v.toFixed(1)).join(' / ');

console.log(`Command: \`node --import tsx tools/bench/geometry-scale-bench.ts\` (Node ${process.version}; ${C.toLocaleString('en-US')} classes × ${D.toLocaleString('en-US')}-d features, ${N.toLocaleString('en-US')} rows; one thread)

| figure | value |
|---|---|
| first call on a head (set-up + ${N.toLocaleString('en-US')} rows) | ${(first / 1000).toFixed(2)} s |
| later call (${N.toLocaleString('en-US')} rows) | ${(repeat / 1000).toFixed(2)} s |
| geometry per row | ${perRowMs.toFixed(3)} ms (${((perRowMs * 1e6) / (C * D)).toFixed(2)} ns per class × dim) |
| later call, CPU, paths alternated | ${paths.map((p) => `${p.kernel} ${p.cpu.toFixed(2)} s`).join(', ')} (wasm / js = ${(pathSum('wasm') / pathSum('js')).toFixed(2)}) |
| cache bytes per row, float32 features | ${Math.round(perRow('float32')).toLocaleString('en-US')} B (logits ${C * 4} + features ${D * 4} + .npy headers) |
| float16 features: largest angle change | ${angleDiff.toExponential(2)}° (θ_gt, θ_pred, θ_rival) |
| float16 features: largest relative length change | ${lengthDiff.toExponential(2)} |
| cache bytes per row, float16 features | ${Math.round(perRow('float16')).toLocaleString('en-US')} B (logits ${C * 4} + features ${D * 2} + .npy headers) |

Load average at the start ${loadStart}, at the end ${loadEnd} (1/5/15 min).`);
