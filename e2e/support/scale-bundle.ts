// A bundle for the 3-D scale test: nine tiny image classifiers (a dense one and eight pruned
// variants) on 20,000 synthetic 8×8 images of 10 classes, plus one generated corruption.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeNpy } from '../../src-shared/formats/npy';
import { tinyImageClassifier } from '../../tools/testing/tiny-onnx';

export function writeScaleBundle(count = 20_000): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'prunelens-scale-'));
  mkdirSync(path.join(dir, 'models'), { recursive: true });
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  const models = [{ id: 'dense', path: 'models/dense.onnx', role: 'dense', method: 'Dense baseline', sparsity: 0 }];
  writeFileSync(path.join(dir, 'models', 'dense.onnx'), tinyImageClassifier({ height: 8, width: 8, hidden: 16, classes: 10, seed: 1 }));
  for (let k = 1; k <= 8; k++) {
    const sparsity = k / 10;
    const id = `pruned-${k * 10}`;
    writeFileSync(path.join(dir, 'models', `${id}.onnx`), tinyImageClassifier({ height: 8, width: 8, hidden: 16, classes: 10, seed: 1, zeroFraction: sparsity }));
    models.push({ id, path: `models/${id}.onnx`, role: 'pruned', method: 'Random', sparsity });
  }
  const labels = new Uint8Array(count).map((_, i) => i % 10);
  // Class-dependent stripes plus hashed per-image noise: every image differs, so 20,000 distinct points.
  const images = new Uint8Array(count * 64).map((_, k) => {
    const i = Math.floor(k / 64);
    const pixel = k % 64;
    const noise = (Math.imul(i + 1, 2654435761) ^ Math.imul(pixel + 1, 40503)) >>> 26; // 0..63
    return ((pixel % 8) * 22 + labels[i] * 9 + noise) & 255;
  });
  writeFileSync(path.join(dir, 'data', 'images.npy'), writeNpy(images, [count, 8, 8]));
  writeFileSync(path.join(dir, 'data', 'labels.npy'), writeNpy(labels, [count]));
  const manifest = {
    name: 'Scale test bundle',
    classes: Array.from({ length: 10 }, (_, c) => `class-${c}`),
    input: { layout: 'NCHW', scale: 255, mean: [0.5], std: [0.25] },
    models,
    data: { clean: { images: 'data/images.npy', labels: 'data/labels.npy' }, corrupted: { generate: { corruptions: ['contrast'], severities: [3], seed: 7 } } },
  };
  writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
