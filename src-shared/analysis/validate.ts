// Shape checks with one-line messages: a mismatched cache entry or head is a user-visible error.
import { PruneLensError } from '../base/errors';
import type { LinearHead, LabelArray } from './types';

export function badData(message: string, details?: Record<string, string | number>): PruneLensError {
  return new PruneLensError('bad-data', message, details);
}

export function checkLength(name: string, actual: number, expected: number): void {
  if (actual !== expected) throw badData(`${name}: expected ${expected} values, got ${actual}.`, { array: name, expected, actual });
}

export function checkHead(head: LinearHead, label = 'head'): void {
  const { classes: C, featureDim: d } = head;
  if (!Number.isInteger(C) || C < 2) throw badData(`${label}: numClasses must be an integer ≥ 2, got ${C}.`);
  if (!Number.isInteger(d) || d < 1) throw badData(`${label}: featureDim must be a positive integer, got ${d}.`);
  checkLength(`${label}.weights (C×d = ${C}×${d})`, head.weights.length, C * d);
  checkLength(`${label}.bias (C = ${C})`, head.bias.length, C);
}

export function checkLabels(labels: LabelArray, numClasses: number): void {
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y < 0 || y >= numClasses) throw badData(`labels[${i}] = ${y} is outside 0..${numClasses - 1}.`, { index: i, label: y });
  }
}

/** Row norms ‖w_c‖ of a C × d matrix. */
export function rowNorms(weight: Float32Array, rows: number, cols: number): Float64Array {
  const norms = new Float64Array(rows);
  for (let c = 0; c < rows; c++) {
    let s = 0;
    for (let k = c * cols, end = k + cols; k < end; k++) s += weight[k] * weight[k];
    norms[c] = Math.sqrt(s);
  }
  return norms;
}

/** ‖w_a − w_b‖ for every class pair, C × C. */
export function pairwiseRowDistances(weight: Float32Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * rows);
  for (let a = 0; a < rows; a++) {
    for (let b = a + 1; b < rows; b++) {
      let s = 0;
      for (let k = 0; k < cols; k++) {
        const diff = weight[a * cols + k] - weight[b * cols + k];
        s += diff * diff;
      }
      out[a * rows + b] = out[b * rows + a] = Math.sqrt(s);
    }
  }
  return out;
}
