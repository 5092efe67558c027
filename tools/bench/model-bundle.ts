// A one-model bundle around any CIFAR-shaped ONNX classifier (input N×3×32×32), for timing a real
// network through the pipeline (inference-bench.ts --model): seeded uint8 32×32×3 images (the
// scale bundle's noise generator), labels, no corrupted sets. Speed only: the labels are random.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { presetFor } from '../../src-shared/bundle/normalisation-presets';
import { writeNpy } from '../../src-shared/formats/npy';
import { randomBytes } from './scale-bundle';

export const MODEL_BUNDLE_ID = 'model';
const SIDE = 32;
const CLASSES = 10;

/** Writes the bundle into `dir` (the model copied in) with `count` clean images; returns `dir`. */
export function writeModelBundle(dir: string, onnxFile: string, count: number, seed = 1): string {
  mkdirSync(path.join(dir, 'models'), { recursive: true });
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  copyFileSync(onnxFile, path.join(dir, 'models', `${MODEL_BUNDLE_ID}.onnx`));
  writeFileSync(path.join(dir, 'data', 'images.npy'), writeNpy(randomBytes(count * SIDE * SIDE * 3, seed + 11), [count, SIDE, SIDE, 3]));
  writeFileSync(path.join(dir, 'data', 'labels.npy'), writeNpy(randomBytes(count, seed + 7).map((v) => v % CLASSES), [count]));
  const manifest = {
    name: `Benchmark bundle: ${path.basename(onnxFile)}`,
    classes: Array.from({ length: CLASSES }, (_, c) => `class-${c}`),
    input: { layout: 'NCHW', ...presetFor('cifar10', 3) },
    models: [{ id: MODEL_BUNDLE_ID, path: `models/${MODEL_BUNDLE_ID}.onnx`, role: 'dense', method: 'Dense baseline' }],
    data: { clean: { images: 'data/images.npy', labels: 'data/labels.npy' } },
  };
  writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
