// Writes small but real bundles to a temp folder for CLI, server and e2e tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeNpy } from '../../src-shared/formats/npy';
import { tinyClassifierModel, tinyImageClassifier } from './tiny-onnx';


export function writeFixtureBundle(options: { dir?: string; brokenModel?: boolean } = {}): string {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'prunelens-bundle-'));
  mkdirSync(path.join(dir, 'models'), { recursive: true });
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(path.join(dir, 'models', 'dense.onnx'), tinyClassifierModel([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1]], [0, 0.5, -0.5]));
  writeFileSync(path.join(dir, 'models', 'pruned.onnx'), options.brokenModel ? new TextEncoder().encode('this is not onnx') : tinyClassifierModel([[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 1, 0]], [0, 0.5, -0.5]));
  const images = new Uint8Array(8 * 2 * 2).map((_, i) => (i * 37) % 256);
  writeFileSync(path.join(dir, 'data', 'images.npy'), writeNpy(images, [8, 2, 2, 1]));
  writeFileSync(path.join(dir, 'data', 'labels.npy'), writeNpy(new Uint8Array([0, 1, 2, 0, 1, 2, 0, 1]), [8]));
  const manifest = {
    name: 'Tiny fixture bundle',
    classes: ['a', 'b', 'c'],
    input: { layout: 'NHWC', scale: 255, mean: [0.5], std: [0.25] },
    models: [
      { id: 'dense', path: 'models/dense.onnx', role: 'dense', method: 'Dense baseline', sparsity: 0 },
      { id: 'pruned-50', path: 'models/pruned.onnx', role: 'pruned', method: 'Magnitude', sparsity: 0.5 },
    ],
    data: { clean: { images: 'data/images.npy', labels: 'data/labels.npy' } },
    limit: 8,
  };
  writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/**
 * A bundle with two tiny image classifiers on `count` synthetic 8×8 gray images (3 classes),
 * with generated corruptions: enough to exercise extraction end to end in a second.
 */
export function writeImageFixtureBundle(options: { dir?: string; count?: number; corruptions?: string[]; severities?: number[] } = {}): string {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'prunelens-images-'));
  const count = options.count ?? 300;
  mkdirSync(path.join(dir, 'models'), { recursive: true });
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(path.join(dir, 'models', 'dense.onnx'), tinyImageClassifier({ height: 8, width: 8, hidden: 6, classes: 3, seed: 1 }));
  writeFileSync(path.join(dir, 'models', 'pruned.onnx'), tinyImageClassifier({ height: 8, width: 8, hidden: 6, classes: 3, seed: 1, zeroFraction: 0.6 }));
  const labels = new Uint8Array(count).map((_, i) => i % 3);
  // Class-dependent stripes plus deterministic noise, so the models' outputs differ by class.
  const images = new Uint8Array(count * 64).map((_, k) => {
    const i = Math.floor(k / 64);
    const pixel = k % 64;
    return (((pixel % 8) * 30 + labels[i] * 70 + ((i * 131 + pixel * 17) % 40)) % 256) & 255;
  });
  writeFileSync(path.join(dir, 'data', 'images.npy'), writeNpy(images, [count, 8, 8]));
  writeFileSync(path.join(dir, 'data', 'labels.npy'), writeNpy(labels, [count]));
  const manifest = {
    name: 'Image fixture bundle',
    classes: ['a', 'b', 'c'],
    input: { layout: 'NCHW', scale: 255, mean: [0.5], std: [0.25] },
    models: [
      { id: 'dense', path: 'models/dense.onnx', role: 'dense', method: 'Dense baseline', sparsity: 0 },
      { id: 'pruned', path: 'models/pruned.onnx', role: 'pruned', method: 'Random', sparsity: 0.6 },
    ],
    data: {
      clean: { images: 'data/images.npy', labels: 'data/labels.npy' },
      corrupted: { generate: { corruptions: options.corruptions ?? ['gaussian_noise', 'contrast', 'fog'], severities: options.severities ?? [1, 3, 5], seed: 7 } },
    },
  };
  writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
