// Per-sample geometry of one model on one set, in one pass over the samples.
// Margins, softmax and the prediction use the model's actual logits z (what it really output);
// angles and length use f and W, since θ_c is defined by the head's geometry.
import { checkAborted } from '../base/abort';
import { rowDots, rowNormSq } from './dot-kernel';
import { rowFinite } from './non-finite';
import type { LabelArray, SampleGeometry, SampleGeometryInput } from './types';
import { checkHead, checkLabels, checkLength, pairwiseRowDistances, rowNorms } from './validate';
import { wasmRowDots } from './wasm-dots';

const DEG = 180 / Math.PI;
const ABORT_GRAIN = 4096;

/**
 * Per-head constants (class norms and the C×C class distances: C²·d work, ~1 s at 1,000 × 2,048),
 * computed once per weight array rather than once per cell; heads are never modified after loading.
 */
const headConstants = new WeakMap<Float32Array, { wNorm: Float64Array; wDist: Float64Array; classes: number; dim: number }>();

function constantsOf(W: Float32Array, C: number, d: number): { wNorm: Float64Array; wDist: Float64Array } {
  const known = headConstants.get(W);
  if (known && known.classes === C && known.dim === d) return known;
  const computed = { wNorm: rowNorms(W, C, d), wDist: pairwiseRowDistances(W, C, d), classes: C, dim: d };
  headConstants.set(W, computed);
  return computed;
}

/** Angle in degrees from a cosine, clamped to [-1, 1] against rounding. */
export function cosToDegrees(cos: number): number {
  return Math.acos(cos > 1 ? 1 : cos < -1 ? -1 : cos) * DEG;
}

/** argmax over one row, ties → lowest index; NaN entries are never chosen (0 when all are NaN). */
export function argmaxRow(values: Float32Array, offset: number, length: number): number {
  let best = -Infinity;
  let index = 0;
  for (let c = 0; c < length; c++) {
    const v = values[offset + c];
    if (v > best) {
      best = v;
      index = c;
    }
  }
  return index;
}

/**
 * The one definition of a correct sample: argmaxRow equals the label and every logit is finite
 * (used for per-sample `correct`, and for the accuracy the extraction reports per cell).
 */
export function isCorrectPrediction(logits: Float32Array, offset: number, numClasses: number, label: number): boolean {
  return argmaxRow(logits, offset, numClasses) === label && rowFinite(logits, offset, numClasses);
}

/** Predictions and correctness from logits alone (for sets cached without features). */
export function predictionsFromLogits(logits: Float32Array, numClasses: number, labels: LabelArray): { pred: Int32Array; correct: Uint8Array } {
  const n = labels.length;
  checkLength(`logits (N×C = ${n}×${numClasses})`, logits.length, n * numClasses);
  const pred = new Int32Array(n);
  const correct = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    pred[i] = argmaxRow(logits, i * numClasses, numClasses);
    correct[i] = pred[i] === labels[i] && rowFinite(logits, i * numClasses, numClasses) ? 1 : 0;
  }
  return { pred, correct };
}

export function computeSampleGeometry(input: SampleGeometryInput, signal?: AbortSignal): SampleGeometry {
  const { logits, features, labels, head } = input;
  checkHead(head);
  const C = head.classes;
  const d = head.featureDim;
  const n = labels.length;
  checkLength(`logits (N×C = ${n}×${C})`, logits.length, n * C);
  checkLength(`features (N×d = ${n}×${d})`, features.length, n * d);
  checkLabels(labels, C);
  const W = head.weights;
  const { wNorm, wDist } = constantsOf(W, C, d);

  const out: SampleGeometry = {
    count: n,
    classes: C,
    length: new Float32Array(n),
    angleGt: new Float32Array(n),
    anglePred: new Float32Array(n),
    angleRival: new Float32Array(n),
    logitMargin: new Float32Array(n),
    geomMargin: new Float32Array(n),
    confidence: new Float32Array(n),
    predConfidence: new Float32Array(n),
    entropy: new Float32Array(n),
    pred: new Int32Array(n),
    correct: new Uint8Array(n),
    zeroFeatureCount: 0,
    nonFinite: { logits: 0, features: 0 },
  };
  // Reciprocals once per call: the per-sample loop multiplies instead of dividing.
  const invW = wNorm.map((v) => (v > 0 ? 1 / v : NaN));
  const invDist = wDist.map((v) => (v > 0 ? 1 / v : NaN));
  const cos = new Float64Array(C);
  // W·f and ‖f‖²: a block of rows at a time by the SIMD kernel where it runs (bit-identical
  // sums), else row by row by the scalar kernel into `cos` itself.
  const simd = wasmRowDots(W, C, d);
  let dots = cos;
  let dotStride = 0;
  let blockStart = 0;
  let blockEnd = 0;
  // Output columns as locals: the loop writes typed arrays, no property loads per sample.
  const { length, angleGt, anglePred, angleRival, logitMargin, geomMargin, confidence, predConfidence, entropy, pred: predOut, correct } = out;
  let zeroFeatures = 0;
  let nonFiniteFeatures = 0;
  let nonFiniteLogits = 0;

  for (let i = 0; i < n; i++) {
    if (i % ABORT_GRAIN === 0) checkAborted(signal);
    const y = labels[i];
    const zRow = i * C;
    const fRow = i * d;

    // Length and cos θ_c for every class (one C×d pass).
    let normSq: number;
    let dotRow = 0;
    if (simd) {
      if (i === blockEnd) {
        blockStart = i;
        blockEnd = Math.min(n, i + simd.blockRows);
        simd.run(features, blockStart, blockEnd - blockStart);
        dots = simd.dots;
        dotStride = simd.cPad;
      }
      normSq = simd.norms[i - blockStart];
      dotRow = (i - blockStart) * dotStride;
    } else {
      normSq = rowNormSq(features, d, fRow);
      rowDots(W, C, d, features, fRow, cos);
    }
    const fNorm = Math.sqrt(normSq);
    length[i] = fNorm;
    if (fNorm === 0) zeroFeatures++;
    if (!Number.isFinite(fNorm) && !rowFinite(features, fRow, d)) nonFiniteFeatures++;
    // NaN for a zero feature vector (0 · ∞) or a zero class direction (invW = NaN).
    const invF = 1 / fNorm;
    for (let c = 0; c < C; c++) cos[c] = dots[dotRow + c] * invW[c] * invF;

    // Prediction, margins and a stable softmax over the actual logits.
    const zy = logits[zRow + y];
    let zMax = -Infinity;
    let pred = 0;
    let rivalMax = -Infinity;
    let geom = Infinity;
    let rivalCos = -Infinity;
    // z − z is 0 for a finite z and NaN for ±∞ or NaN: the sum stays 0 only for a finite row.
    let finiteCheck = 0;
    for (let c = 0; c < C; c++) {
      const z = logits[zRow + c];
      finiteCheck += z - z;
      if (z > zMax) {
        zMax = z;
        pred = c;
      }
      if (c === y) continue;
      if (z > rivalMax) rivalMax = z;
      // NaN (skipped) for classes with identical directions: no boundary between them in feature space.
      const g = (zy - z) * invDist[y * C + c];
      if (g < geom) geom = g;
      if (cos[c] > rivalCos) rivalCos = cos[c];
    }
    let sumExp = 0;
    let weighted = 0;
    let expY = 0;
    for (let c = 0; c < C; c++) {
      const shifted = logits[zRow + c] - zMax;
      const e = Math.exp(shifted);
      sumExp += e;
      weighted += e * shifted;
      if (c === y) expY = e;
    }
    const logSum = Math.log(sumExp);

    // The loop above is argmaxRow's rule (strict >, NaN never chosen); a non-finite row is never correct.
    const finite = finiteCheck === 0;
    if (!finite) nonFiniteLogits++;
    predOut[i] = pred;
    correct[i] = pred === y && finite ? 1 : 0;
    logitMargin[i] = zy - rivalMax;
    geomMargin[i] = geom === Infinity ? NaN : geom;
    confidence[i] = expY / sumExp;
    // The prediction is the max logit: its shifted exponential is exp(0) = 1.
    predConfidence[i] = 1 / sumExp;
    // H = −Σ p log p = log Σe − Σ p (z − zMax), with p = e / Σe.
    entropy[i] = logSum - weighted / sumExp;
    const gt = cosToDegrees(cos[y]);
    angleGt[i] = gt;
    // A correct prediction shares θ_y: one arccos fewer for most samples.
    anglePred[i] = pred === y ? gt : cosToDegrees(cos[pred]);
    // Largest cosine = smallest angle; rival classes with an undefined angle are skipped.
    angleRival[i] = rivalCos === -Infinity ? NaN : cosToDegrees(rivalCos);
  }
  out.zeroFeatureCount = zeroFeatures;
  out.nonFinite = { logits: nonFiniteLogits, features: nonFiniteFeatures };
  return out;
}
