// NaN/±Inf in a model's outputs: which samples have them, how many per cell, and whether a cell
// is too broken to report. A sample with a non-finite logit is never counted as correct (its
// argmax would only be an artefact of how NaN compares), whatever its predicted index.

/** Whether values[offset .. offset + length) are all finite. */
export function rowFinite(values: Float32Array, offset: number, length: number): boolean {
  for (let i = offset; i < offset + length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** Rows (of `width` values) holding at least one NaN or ±Inf. */
export function countNonFiniteRows(values: Float32Array, width: number): number {
  let count = 0;
  for (let offset = 0; offset + width <= values.length; offset += width) if (!rowFinite(values, offset, width)) count++;
  return count;
}

/** Samples of one model × set with non-finite logits / features. */
export interface NonFiniteCounts {
  logits: number;
  features: number;
}

/** Above this fraction of non-finite clean logits a model's results are an error, not a warning. */
export const NON_FINITE_ERROR_FRACTION = 0.5;

/** One line describing non-finite outputs of a cell (null when there are none); `total` samples when known. */
export function describeNonFinite(modelId: string, setId: string, counts: NonFiniteCounts, total?: number): string | null {
  if (counts.logits === 0 && counts.features === 0) return null;
  const of = total !== undefined && total > 0 ? ` of ${total}` : '';
  const parts = [counts.logits > 0 ? `${counts.logits}${of} samples have NaN/Inf logits (never counted as correct)` : '', counts.features > 0 ? `${counts.features} have NaN/Inf features` : ''].filter(Boolean);
  return `Model '${modelId}' on ${setId}: ${parts.join('; ')}.`;
}

/** Whether a clean cell's logits are mostly non-finite: the model is broken, not merely inaccurate. */
export function mostlyNonFinite(counts: NonFiniteCounts, total: number): boolean {
  return total > 0 && counts.logits / total > NON_FINITE_ERROR_FRACTION;
}
