// Shapes shared by the geometry analytics. Big per-sample data is typed arrays, row-major.
import type { NonFiniteCounts } from './non-finite';

/** Integer class labels, one per sample. */
export type LabelArray = Int32Array | Uint8Array | Uint16Array;

/**
 * The final linear layer z = W f + b. Row c of `weights` is the class direction w_c. The ONNX
 * reader's ClassifierHead (onnx/classifier-head.ts) extends it, so a model's head is passed as is.
 */
export interface LinearHead {
  /** C × d, row-major. */
  weights: Float32Array;
  /** C. */
  bias: Float32Array;
  classes: number;
  featureDim: number;
}

/** One model on one set: what inference produced, plus the labels. */
export interface SampleGeometryInput {
  /** N × C, the model's actual output logits. */
  logits: Float32Array;
  /** N × d, penultimate features (input of the head). */
  features: Float32Array;
  labels: LabelArray;
  head: LinearHead;
}

/** Per-sample geometry (§3 of DESIGN.md). Angles in degrees, entropy in nats. */
export interface SampleGeometry {
  count: number;
  /** C, the number of classes (the head's outputs). */
  classes: number;
  /** ‖f‖₂ */
  length: Float32Array;
  /** θ_y: angle between f and the true class direction. NaN for a zero feature vector. */
  angleGt: Float32Array;
  /** θ_pred: angle between f and the predicted class direction. */
  anglePred: Float32Array;
  /** min over c ≠ y of θ_c. */
  angleRival: Float32Array;
  /** z_y − max_{c≠y} z_c */
  logitMargin: Float32Array;
  /** min_{c≠y} (z_y − z_c) / ‖w_y − w_c‖ */
  geomMargin: Float32Array;
  /** softmax probability of the true class */
  confidence: Float32Array;
  /** softmax probability of the predicted class */
  predConfidence: Float32Array;
  /** softmax entropy, nats */
  entropy: Float32Array;
  /** argmax of the logits, ties → lowest index */
  pred: Int32Array;
  /** 1 when pred = label and every logit of the sample is finite */
  correct: Uint8Array;
  /** Samples whose feature vector is all zeros (their angles are NaN). */
  zeroFeatureCount: number;
  /** Samples with a NaN/±Inf logit, and with a NaN/±Inf feature (analysis/non-finite.ts). */
  nonFinite: NonFiniteCounts;
}

/** The float per-sample metrics, with the column names used in exported tables. */
export const sampleMetrics = [
  { key: 'length', column: 'length' },
  { key: 'angleGt', column: 'angle_gt' },
  { key: 'anglePred', column: 'angle_pred' },
  { key: 'angleRival', column: 'angle_rival' },
  { key: 'logitMargin', column: 'logit_margin' },
  { key: 'geomMargin', column: 'geom_margin' },
  { key: 'confidence', column: 'confidence' },
  { key: 'predConfidence', column: 'pred_confidence' },
  { key: 'entropy', column: 'entropy' },
] as const;

export type SampleMetricKey = (typeof sampleMetrics)[number]['key'];
