// ImageNet shape at reduced size: `prunelens analyze` and `report` on a bundle with 1,000 classes
// and 2,048-d features (a one-hidden-layer network on 64 tiny images). The per-sample geometry
// is checked against a float64 forward pass and geometry computed here from the ONNX weights,
// so nothing on the real path may assume few classes or small feature dimensions.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNpy } from '../../src-shared/formats/npy';
import { onnxSchema } from '../../src-shared/onnx/decode-model';
import { runCliCaptured } from '../../tools/testing/run-cli';
import { tinyImageClassifier } from '../../tools/testing/tiny-onnx';

const CLASSES = 1000;
const DIM = 2048;
const N = 64;
const SIDE = 8;
const work = mkdtempSync(path.join(tmpdir(), 'prunelens-imagenet-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeBundle(): { dir: string; model: Uint8Array; images: Uint8Array; labels: Uint16Array } {
  const dir = path.join(work, 'bundle');
  mkdirSync(path.join(dir, 'models'), { recursive: true });
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  const model = tinyImageClassifier({ height: SIDE, width: SIDE, hidden: DIM, classes: CLASSES, seed: 5 });
  writeFileSync(path.join(dir, 'models', 'dense.onnx'), model);
  writeFileSync(path.join(dir, 'models', 'pruned.onnx'), tinyImageClassifier({ height: SIDE, width: SIDE, hidden: DIM, classes: CLASSES, seed: 5, zeroFraction: 0.5 }));
  const labels = new Uint16Array(N).map((_, i) => (i * 397) % CLASSES); // spread over the whole label range
  const images = new Uint8Array(N * SIDE * SIDE).map((_, k) => (k * 53 + Math.floor(k / 64) * 91) % 256);
  writeFileSync(path.join(dir, 'data', 'images.npy'), writeNpy(images, [N, SIDE, SIDE]));
  writeFileSync(path.join(dir, 'data', 'labels.npy'), writeNpy(labels, [N]));
  writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify({
    name: 'ImageNet-shaped bundle',
    classes: Array.from({ length: CLASSES }, (_, c) => `class-${c}`),
    input: { layout: 'NCHW', scale: 255, mean: [0.5], std: [0.25] },
    models: [
      { id: 'dense', path: 'models/dense.onnx', role: 'dense', method: 'Dense baseline', sparsity: 0 },
      { id: 'pruned', path: 'models/pruned.onnx', role: 'pruned', method: 'Random', sparsity: 0.5 },
    ],
    data: { clean: { images: 'data/images.npy', labels: 'data/labels.npy' }, corrupted: { generate: { corruptions: ['contrast'], severities: [3], seed: 7 } } },
  }));
  return { dir, model, images, labels };
}

/** Initializer → float64 values, from the encoded model (independent of the app's ONNX reader). */
function weights(model: Uint8Array): Record<string, Float64Array> {
  const decoded = onnxSchema.ModelProto.decode(model);
  const out: Record<string, Float64Array> = {};
  for (const t of decoded.graph!.initializer!) {
    const raw = t.rawData!;
    out[t.name!] = Float64Array.from(new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)));
  }
  return out;
}

/** The dense model's clean-set geometry in float64: length, angles (degrees), margins, prediction. */
function reference(model: Uint8Array, images: Uint8Array, labels: Uint16Array) {
  const { W1, b1, W2, b2 } = weights(model);
  const inputs = SIDE * SIDE;
  const wNorm = Array.from({ length: CLASSES }, (_, c) => Math.hypot(...W2.subarray(c * DIM, (c + 1) * DIM)));
  const deg = (cos: number) => (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;
  return Array.from({ length: N }, (_, i) => {
    const x = Array.from({ length: inputs }, (_, p) => (images[i * inputs + p] / 255 - 0.5) / 0.25);
    const f = Array.from({ length: DIM }, (_, h) => Math.max(0, x.reduce((s, v, p) => s + v * W1[h * inputs + p], b1[h])));
    const dots = Array.from({ length: CLASSES }, (_, c) => f.reduce((s, v, h) => s + v * W2[c * DIM + h], 0));
    const z = dots.map((v, c) => v + b2[c]);
    const length = Math.hypot(...f);
    const cos = dots.map((v, c) => v / (wNorm[c] * length));
    const y = labels[i];
    const pred = z.indexOf(Math.max(...z));
    const rivals = z.map((_, c) => c).filter((c) => c !== y);
    const distance = (c: number) => {
      let sum = 0;
      for (let h = 0; h < DIM; h++) sum += (W2[y * DIM + h] - W2[c * DIM + h]) ** 2;
      return Math.sqrt(sum);
    };
    const geomMargin = Math.min(...rivals.map((c) => (z[y] - z[c]) / distance(c)));
    return {
      pred, length, angle_gt: deg(cos[y]), angle_pred: deg(cos[pred]), angle_rival: deg(Math.max(...rivals.map((c) => cos[c]))),
      logit_margin: z[y] - Math.max(...rivals.map((c) => z[c])), geom_margin: geomMargin,
    };
  });
}

describe('ImageNet shape (1,000 classes × 2,048-d features)', () => {
  const bundle = writeBundle();
  const cache = path.join(work, 'cache');

  it('analyze writes every sample with geometry matching a float64 reference', async () => {
    const out = path.join(work, 'out');
    const run = await runCliCaptured(['analyze', bundle.dir, '--out', out, '--cache', cache, '--no-parquet']);
    expect(run.stderr).not.toMatch(/prunelens analyze:/);
    expect(run.code).toBe(0);
    const [head, ...lines] = readFileSync(path.join(out, 'samples.csv'), 'utf8').trim().split('\n');
    const columns = head.split(',');
    const rows = lines.map((line) => Object.fromEntries(line.split(',').map((v, j) => [columns[j], v])));
    expect(rows).toHaveLength(2 * 2 * N); // 2 models × (clean + contrast-3)
    const dense = rows.filter((r) => r.model === 'dense' && r.corruption === 'clean');
    expect(dense).toHaveLength(N);
    const expected = reference(bundle.model, bundle.images, bundle.labels);
    dense.forEach((row, i) => {
      const want = expected[Number(row.index)];
      expect(Number(row.label), `label ${i}`).toBe(bundle.labels[Number(row.index)]);
      expect(Number(row.pred), `pred ${i}`).toBe(want.pred);
      for (const key of ['length', 'angle_gt', 'angle_pred', 'angle_rival', 'logit_margin', 'geom_margin'] as const) {
        expect(Math.abs(Number(row[key]) - want[key]), `${key} of sample ${i}: ${row[key]} vs ${want[key]}`).toBeLessThan(1e-3 * Math.max(1, Math.abs(want[key])));
      }
    });
    // summary.json keeps per-class aggregates for the clean set only (1.6 MB per cell at 1,000 classes).
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as { cells: { model: string; set: string; perClass: unknown[] | null }[] };
    expect(summary.cells.map((c) => [c.model, c.set, c.perClass?.length ?? null])).toEqual([
      ['dense', 'clean', CLASSES], ['pruned', 'clean', CLASSES], ['dense', 'contrast-s3', null], ['pruned', 'contrast-s3', null],
    ]);
    // Labels reach past 255 and past 100: nothing truncates them.
    expect(Math.max(...dense.map((r) => Number(r.label)))).toBeGreaterThan(900);
  }, 60_000);

  it('report summarises 1,000 classes instead of listing them in table rows or columns', async () => {
    const out = path.join(work, 'report.html');
    const run = await runCliCaptured(['report', bundle.dir, '--out', out, '--cache', cache]);
    expect(run.stderr).not.toMatch(/prunelens report:/);
    expect(run.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const widest = Math.max(...[...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1].match(/<t[dh][ >]/g) ?? []).length));
    const rowCount = (html.match(/<tr>/g) ?? []).length;
    expect(html).toMatch(/64 per set, 1,?000 classes/);
    expect(widest).toBeLessThan(40);
    expect(rowCount).toBeLessThan(300);
  }, 60_000);
});
