// Why did a logit (or a margin) change between two states (two models, or two sets)?
//
// A logit is z_c = n·L·k + b_c with n = ‖w_c‖ (class norm), L = ‖f‖ (length), k = cos θ_c (angle).
// Going from state 0 to state 1, the product's change is split among its three factors by the
// Shapley value (the average of the one-at-a-time changes over all 3! orders of switching):
//
//   φ_L = ΔL · [ (n₀k₀ + n₁k₁)/3 + (n₀k₁ + n₁k₀)/6 ]      (length part)
//   φ_k = Δk · [ (n₀L₀ + n₁L₁)/3 + (n₀L₁ + n₁L₀)/6 ]      (angle part)
//   φ_n = Δn · [ (L₀k₀ + L₁k₁)/3 + (L₀k₁ + L₁k₀)/6 ]      (class-norm part)
//
// φ_L + φ_k + φ_n = n₁L₁k₁ − n₀L₀k₀ exactly (Shapley efficiency), so with the bias part Δb:
//   Δz = length + angle + classNorm + bias,   classNormBias = classNorm + bias.
// The split is symmetric: swapping the states negates every part.
// When ‖f‖ = 0 or ‖w_c‖ = 0 the angle is undefined; k = 0 is used then, which keeps n·L·k = w_c·f
// (= 0) so the parts still sum exactly.
import { checkAborted } from '../base/abort';
import type { LinearHead, LabelArray } from './types';
import { badData, checkHead, checkLabels, checkLength, rowNorms } from './validate';

export interface LogitFactors {
  classNorm: number;
  length: number;
  cos: number;
  bias: number;
}

export interface LogitChangeParts {
  length: number;
  angle: number;
  classNorm: number;
  bias: number;
  /** classNorm + bias: the part not due to the feature vector. */
  classNormBias: number;
  /** Sum of the parts = change of n·L·k + b. */
  total: number;
}

export function decomposeLogitChange(before: LogitFactors, after: LogitFactors): LogitChangeParts {
  const { classNorm: n0, length: l0, cos: k0, bias: b0 } = before;
  const { classNorm: n1, length: l1, cos: k1, bias: b1 } = after;
  const shapley = (delta: number, a0: number, a1: number, c0: number, c1: number) =>
    delta * ((a0 * c0 + a1 * c1) / 3 + (a0 * c1 + a1 * c0) / 6);
  const length = shapley(l1 - l0, n0, n1, k0, k1);
  const angle = shapley(k1 - k0, n0, n1, l0, l1);
  const classNorm = shapley(n1 - n0, l0, l1, k0, k1);
  const bias = b1 - b0;
  return { length, angle, classNorm, bias, classNormBias: classNorm + bias, total: length + angle + classNorm + bias };
}

/** A model's head applied to a set's features (optionally with the logits it really output). */
export interface HeadState {
  head: LinearHead;
  /** N × d */
  features: Float32Array;
  /** N × C actual logits; when given, they choose the rival / predicted class and give `residual`. */
  logits?: Float32Array;
}

export interface LogitChangeArrays {
  length: Float32Array;
  angle: Float32Array;
  classNorm: Float32Array;
  bias: Float32Array;
  classNormBias: Float32Array;
  /** Sum of the parts (the change of W f + b). */
  total: Float32Array;
  /** Change of the actual logits minus `total`; present only when both states carry logits. */
  residual?: Float32Array;
}

/** Precomputed per-state quantities for factor lookups. */
interface PreparedState {
  head: LinearHead;
  features: Float32Array;
  logits?: Float32Array;
  wNorm: Float64Array;
  fNorm: Float64Array;
}

function prepare(state: HeadState, n: number, label: string): PreparedState {
  checkHead(state.head, `${label}.head`);
  const { classes: C, featureDim: d } = state.head;
  checkLength(`${label}.features (N×d = ${n}×${d})`, state.features.length, n * d);
  if (state.logits) checkLength(`${label}.logits (N×C = ${n}×${C})`, state.logits.length, n * C);
  return { ...state, wNorm: rowNorms(state.head.weights, C, d), fNorm: rowNorms(state.features, n, d) };
}

function factorsOf(s: PreparedState, i: number, c: number): LogitFactors {
  const d = s.head.featureDim;
  const W = s.head.weights;
  let dot = 0;
  for (let k = 0; k < d; k++) dot += W[c * d + k] * s.features[i * d + k];
  const denom = s.wNorm[c] * s.fNorm[i];
  return { classNorm: s.wNorm[c], length: s.fNorm[i], cos: denom > 0 ? dot / denom : 0, bias: s.head.bias[c] };
}

/** Logit used to choose roles: the actual one when given, else W f + b. */
function logitOf(s: PreparedState, i: number, c: number): number {
  if (s.logits) return s.logits[i * s.head.classes + c];
  const f = factorsOf(s, i, c);
  return f.classNorm * f.length * f.cos + f.bias;
}

/** Best class other than `exclude` (ties → lowest index). */
function bestOther(s: PreparedState, i: number, exclude: number): number {
  let best = -Infinity;
  let index = exclude === 0 ? 1 : 0;
  for (let c = 0; c < s.head.classes; c++) {
    if (c === exclude) continue;
    const z = logitOf(s, i, c);
    if (z > best) {
      best = z;
      index = c;
    }
  }
  return index;
}

function allocate(n: number, withResidual: boolean): LogitChangeArrays {
  const a = () => new Float32Array(n);
  return { length: a(), angle: a(), classNorm: a(), bias: a(), classNormBias: a(), total: a(), ...(withResidual ? { residual: a() } : {}) };
}

/** Role → class index in a state, for one sample. A margin role is (positive class, negative class). */
type RolePicker = (s: PreparedState, i: number) => [number, number | null];

function decomposeRoles(before: HeadState, after: HeadState, n: number, pick: RolePicker, signal?: AbortSignal): LogitChangeArrays {
  const s0 = prepare(before, n, 'before');
  const s1 = prepare(after, n, 'after');
  if (s0.head.classes !== s1.head.classes) {
    throw badData(`before and after heads disagree on the class count (${s0.head.classes} vs ${s1.head.classes}).`);
  }
  const out = allocate(n, Boolean(s0.logits && s1.logits));
  for (let i = 0; i < n; i++) {
    if (i % 4096 === 0) checkAborted(signal);
    const [pos0, neg0] = pick(s0, i);
    const [pos1, neg1] = pick(s1, i);
    const p = decomposeLogitChange(factorsOf(s0, i, pos0), factorsOf(s1, i, pos1));
    let { length, angle, classNorm, bias } = p;
    let actual = s0.logits && s1.logits ? s1.logits[i * s1.head.classes + pos1] - s0.logits[i * s0.head.classes + pos0] : 0;
    if (neg0 !== null && neg1 !== null) {
      // The negative role (rival) may be a different class in each state: its logit still changes
      // from one factor tuple to another, and the same split applies.
      const q = decomposeLogitChange(factorsOf(s0, i, neg0), factorsOf(s1, i, neg1));
      length -= q.length;
      angle -= q.angle;
      classNorm -= q.classNorm;
      bias -= q.bias;
      if (s0.logits && s1.logits) actual -= s1.logits[i * s1.head.classes + neg1] - s0.logits[i * s0.head.classes + neg0];
    }
    const total = length + angle + classNorm + bias;
    out.length[i] = length;
    out.angle[i] = angle;
    out.classNorm[i] = classNorm;
    out.bias[i] = bias;
    out.classNormBias[i] = classNorm + bias;
    out.total[i] = total;
    if (out.residual) out.residual[i] = actual - total;
  }
  return out;
}

/** Δz_c for a given class per sample (e.g. the labels, or the dense model's predictions). */
export function decomposeClassLogitChanges(before: HeadState, after: HeadState, classes: LabelArray | Int32Array, signal?: AbortSignal): LogitChangeArrays {
  checkLabels(classes, before.head.classes);
  return decomposeRoles(before, after, classes.length, (_s, i) => [classes[i], null], signal);
}

/**
 * Δ of the true-class logit margin m = z_y − max_{c≠y} z_c. The rival is chosen in each state
 * (from its actual logits when given), so the parts sum to Δ(z_y − z_rival) of W f + b.
 */
export function decomposeTrueMarginChanges(before: HeadState, after: HeadState, labels: LabelArray, signal?: AbortSignal): LogitChangeArrays {
  checkLabels(labels, before.head.classes);
  return decomposeRoles(before, after, labels.length, (s, i) => [labels[i], bestOther(s, i, labels[i])], signal);
}

/** Δ of the predicted-class margin z_pred − max_{c≠pred} z_c (prediction chosen in each state). */
export function decomposePredMarginChanges(before: HeadState, after: HeadState, count: number, signal?: AbortSignal): LogitChangeArrays {
  return decomposeRoles(before, after, count, (s, i) => {
    const pred = bestOther(s, i, -1);
    return [pred, bestOther(s, i, pred)];
  }, signal);
}
