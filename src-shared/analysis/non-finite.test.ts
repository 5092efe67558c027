// Non-finite outputs: per-row detection, per-cell counts, and that a sample with a NaN/Inf logit
// is never correct — in computeSampleGeometry, predictionsFromLogits and isCorrectPrediction alike.
import { describe, expect, it } from 'vitest';
import { countNonFiniteRows, describeNonFinite, mostlyNonFinite, rowFinite } from './non-finite';
import { computeSampleGeometry, isCorrectPrediction, predictionsFromLogits } from './sample-geometry';

describe('non-finite outputs', () => {
  it('detects NaN and ±Inf per row', () => {
    const x = new Float32Array([1, 2, NaN, 4, Infinity, 6, 7, 8, -Infinity]);
    expect([0, 3, 6].map((o) => rowFinite(x, o, 3))).toEqual([false, false, false]);
    expect(rowFinite(new Float32Array([1, 2, 3]), 0, 3)).toBe(true);
    expect(countNonFiniteRows(x, 3)).toBe(3);
    expect(countNonFiniteRows(new Float32Array([0, 0, NaN, 0]), 2)).toBe(1);
    expect(mostlyNonFinite({ logits: 6, features: 0 }, 10)).toBe(true);
    expect(mostlyNonFinite({ logits: 5, features: 10 }, 10)).toBe(false);
    expect(describeNonFinite('m', 'clean', { logits: 0, features: 0 }, 10)).toBeNull();
    expect(describeNonFinite('m', 'fog-s3', { logits: 2, features: 1 }, 10)).toBe("Model 'm' on fog-s3: 2 of 10 samples have NaN/Inf logits (never counted as correct); 1 have NaN/Inf features.");
  });

  it('a non-finite row is never correct, whichever index its argmax lands on', () => {
    // Row 0: all NaN (argmax → 0 = label). Row 1: NaN first, finite max at 2 = label. Row 2: +Inf at the label. Row 3: finite, correct.
    const logits = new Float32Array([NaN, NaN, NaN, NaN, 0, 5, Infinity, 1, 0, 3, 1, 0]);
    const labels = new Int32Array([0, 2, 0, 0]);
    const head = { weights: new Float32Array([1, 0, 0, 1, 1, 1]), bias: new Float32Array(3), classes: 3, featureDim: 2 };
    const features = new Float32Array([1, 1, NaN, 1, 1, 1, 2, 0]);
    const g = computeSampleGeometry({ logits, features, labels, head });
    expect(Array.from(g.pred)).toEqual([0, 2, 0, 0]);
    expect(Array.from(g.correct)).toEqual([0, 0, 0, 1]);
    expect(g.nonFinite).toEqual({ logits: 3, features: 1 });
    expect(Array.from(predictionsFromLogits(logits, 3, labels).correct)).toEqual([0, 0, 0, 1]);
    expect([0, 1, 2, 3].map((i) => isCorrectPrediction(logits, i * 3, 3, labels[i]))).toEqual([false, false, false, true]);
  });
});
