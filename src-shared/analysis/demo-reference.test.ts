// The geometry of REAL demo-model outputs (logits and features from the Fashion-MNIST zoo, clean
// and fog-3) against an independent NumPy computation (tools/fixtures/analysis/make_demo_reference.py).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpy } from '../formats/npy';
import { linearCka } from './cka';
import { computeSampleGeometry } from './sample-geometry';

const dir = path.resolve(import.meta.dirname, '../../tools/fixtures/analysis/demo');
const npy = (name: string) => readNpy(new Uint8Array(readFileSync(path.join(dir, name)))).data as Float32Array;
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
const labels = readNpy(new Uint8Array(readFileSync(path.join(dir, 'labels.npy')))).data as Uint8Array;
const models = ['dense', 'gmp-95', 'l1filter-50'];

describe('geometry of real demo outputs vs NumPy', () => {
  for (const model of models) {
    for (const set of ['clean', 'fog-s3']) {
      it(`${model} on ${set}`, () => {
        const weight = npy(`${model}.W.npy`);
        const bias = npy(`${model}.b.npy`);
        const g = computeSampleGeometry({
          logits: npy(`${model}.${set}.logits.npy`),
          features: npy(`${model}.${set}.features.npy`),
          labels,
          head: { weights: weight, bias, classes: bias.length, featureDim: weight.length / bias.length },
        });
        const ref = expected.geometry[`${model}|${set}`];
        expect(Array.from(g.pred)).toEqual(ref.pred);
        for (const key of ['length', 'logitMargin', 'geomMargin', 'confidence', 'predConfidence', 'entropy'] as const) {
          g[key].forEach((v, i) => expect(Math.abs(v - ref[key][i]), `${key}[${i}]`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(ref[key][i]))));
        }
        for (const key of ['angleGt', 'anglePred', 'angleRival'] as const) {
          g[key].forEach((v, i) => expect(Math.abs(v - ref[key][i]), `${key}[${i}]`).toBeLessThanOrEqual(1e-3));
        }
      });
    }
  }

  it('linear CKA between the demo models matches NumPy', () => {
    for (const [pair, value] of Object.entries(expected.cka) as [string, number][]) {
      const [a, b] = pair.split('|');
      const cka = linearCka({ data: npy(`${a}.clean.features.npy`), dim: 64 }, { data: npy(`${b}.clean.features.npy`), dim: 64 }, labels.length);
      expect(Math.abs(cka - value), pair).toBeLessThanOrEqual(1e-4);
    }
  });
});
