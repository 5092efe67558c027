// Writes small but real bundles to a temp folder for CLI, server and e2e tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeNpy } from '../../src-shared/formats/npy';
import { tinyClassifierModel } from './tiny-onnx';


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
