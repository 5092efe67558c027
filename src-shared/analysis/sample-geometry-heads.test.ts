// The per-head constants (class norms and distances) are reused across calls with the same weight
// array, never across heads: interleaved heads each get their own margins and angles.
import { describe, expect, it } from 'vitest';
import { computeSampleGeometry } from './sample-geometry';
import type { LinearHead } from './types';

const head = (weights: number[][]): LinearHead => ({ weights: Float32Array.from(weights.flat()), bias: new Float32Array(weights.length), classes: weights.length, featureDim: weights[0].length });
const features = Float32Array.from([3, 1, 1, 2]);
const labels = Int32Array.from([0, 1]);

function geometry(h: LinearHead) {
  const logits = new Float32Array(2 * h.classes);
  for (let i = 0; i < 2; i++) for (let c = 0; c < h.classes; c++) logits[i * h.classes + c] = h.weights[c * 2] * features[i * 2] + h.weights[c * 2 + 1] * features[i * 2 + 1];
  return computeSampleGeometry({ logits, features, labels, head: h });
}

describe('per-head constants', () => {
  it('are kept per weight array, so interleaved heads give their own geometry', () => {
    const a = head([[1, 0], [0, 1]]);
    const b = head([[2, 0], [0, 1]]);
    const first = geometry(a);
    const other = geometry(b);
    const again = geometry(a);
    // Sample 0 (f = (3, 1), label 0): head a: (z0 − z1) / ‖w0 − w1‖ = 2 / √2; head b: (6 − 1) / √5.
    expect(first.geomMargin[0]).toBeCloseTo(2 / Math.SQRT2, 6);
    expect(other.geomMargin[0]).toBeCloseTo(5 / Math.sqrt(5), 6);
    expect(Array.from(again.geomMargin)).toEqual(Array.from(first.geomMargin));
    expect(Array.from(again.angleGt)).toEqual(Array.from(first.angleGt));
    // Sample 1 (f = (1, 2), label 1): θ_gt against (0, 1) is atan(1 / 2) for both heads.
    expect(other.angleGt[1]).toBeCloseTo((Math.atan(0.5) * 180) / Math.PI, 4);
  });
});
