// A CIFAR-10-C-shaped synthetic bundle for the scale benchmark: seeded random uint8 32×32×3
// images (clean + the 19 corruptions × 5 severities in the CIFAR-10-C folder layout), 10 classes,
// and cheap networks (4×4 average pool → 192 → Gemm 512 → ReLU = 512-d features → Gemm 10) so
// inference is not the bottleneck: what scales is the analysis and its outputs.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { allCorruptions } from '../../src-shared/bundle/manifest';
import { writeNpy } from '../../src-shared/formats/npy';
import { OnnxGraph, seededValues } from '../testing/onnx-graph';

export const SCALE_FEATURES = 512;
export const SCALE_CLASSES = 10;
const SIDE = 32;
const PIXELS = SIDE * SIDE * 3;

/** Seeded uint8 noise (xorshift32), fast enough for a few GB. */
export function randomBytes(count: number, seed: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(count / 4));
  let s = seed >>> 0 || 1;
  for (let k = 0; k < words.length; k++) {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    words[k] = s;
  }
  return new Uint8Array(words.buffer, 0, count);
}

/** input[N,3,32,32] → AveragePool 4×4 → Flatten → Gemm(512) → Relu ("features") → Gemm(10) ("logits"). */
export function cheapNetwork(seed: number, zeroFraction: number): Uint8Array {
  const g = new OnnxGraph(13);
  const x = g.input('input', ['batch', 3, SIDE, SIDE]);
  const pooled = g.node('AveragePool', [x], { kernel_shape: [4, 4], strides: [4, 4] });
  const flat = g.node('Flatten', [pooled], { axis: 1 });
  const inputs = 3 * (SIDE / 4) ** 2;
  const mask = seededValues(SCALE_FEATURES * inputs, seed + 1);
  const w1 = seededValues(SCALE_FEATURES * inputs, seed).map((v, k) => (mask[k] + 0.5 < zeroFraction ? 0 : v * 0.3));
  const hidden = g.node('Gemm', [flat, g.init('W1', [SCALE_FEATURES, inputs], w1), g.init('b1', [SCALE_FEATURES], seededValues(SCALE_FEATURES, seed + 2))], { transB: 1 });
  const features = g.node('Relu', [hidden], {}, { outputs: ['features'] });
  const w2 = seededValues(SCALE_CLASSES * SCALE_FEATURES, seed + 3);
  g.node('Gemm', [features, g.init('W2', [SCALE_CLASSES, SCALE_FEATURES], w2), g.init('b2', [SCALE_CLASSES], seededValues(SCALE_CLASSES, seed + 4))], { transB: 1 }, { outputs: ['logits'] });
  g.output('logits', ['batch', SCALE_CLASSES]);
  return g.encode();
}

/** Writes the bundle with `count` clean images (and 5·count rows per corruption; all 19 unless `corruptions` names fewer) into `dir`. */
export function writeScaleBundle(dir: string, count: number, models: number, seed = 1, corruptions: readonly string[] = allCorruptions): string {
  mkdirSync(path.join(dir, 'models'), { recursive: true });
  mkdirSync(path.join(dir, 'data', 'cifar-c'), { recursive: true });
  const ids = Array.from({ length: models }, (_, m) => (m === 0 ? 'dense' : `pruned-${m}`));
  // Distinct weights per model (identical models would share cache entries and cells).
  const sparsity = (m: number) => Number((0.9 * m / models).toFixed(2));
  ids.forEach((id, m) => writeFileSync(path.join(dir, 'models', `${id}.onnx`), cheapNetwork(seed * 100 + 10 + m, sparsity(m))));
  const labels = randomBytes(count, seed + 7).map((v) => v % SCALE_CLASSES);
  writeFileSync(path.join(dir, 'data', 'images.npy'), writeNpy(randomBytes(count * PIXELS, seed + 11), [count, SIDE, SIDE, 3]));
  writeFileSync(path.join(dir, 'data', 'labels.npy'), writeNpy(labels, [count]));
  const labelsC = new Uint8Array(5 * count);
  for (let s = 0; s < 5; s++) labelsC.set(labels, s * count);
  writeFileSync(path.join(dir, 'data', 'cifar-c', 'labels.npy'), writeNpy(labelsC, [5 * count]));
  allCorruptions.forEach((name, k) => {
    if (corruptions.includes(name)) writeFileSync(path.join(dir, 'data', 'cifar-c', `${name}.npy`), writeNpy(randomBytes(5 * count * PIXELS, seed * 1000 + k), [5 * count, SIDE, SIDE, 3]));
  });
  const manifest = {
    name: 'Scale benchmark bundle',
    classes: Array.from({ length: SCALE_CLASSES }, (_, c) => `class-${c}`),
    input: { layout: 'NCHW', scale: 255, mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] },
    models: ids.map((id, m) => ({ id, path: `models/${id}.onnx`, role: m === 0 ? 'dense' : 'pruned', method: m === 0 ? 'Dense baseline' : 'Magnitude', sparsity: sparsity(m) })),
    data: { clean: { images: 'data/images.npy', labels: 'data/labels.npy' }, corrupted: { cifarC: { dir: 'data/cifar-c' } } },
  };
  writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
