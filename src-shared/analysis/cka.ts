// Linear CKA (Kornblith et al. 2019) between two feature sets on the same N samples:
//   CKA = ‖YᵀX‖²_F / (‖XᵀX‖_F ‖YᵀY‖_F), X and Y column-centred.
// Computed through d×d Gram forms (never N×N), so N can be large and the feature dimensions may
// differ; each Gram entry is a length-N dot product of two centred feature columns (centred
// copies are float32, sums float64). Invariant to orthogonal transforms and isotropic scaling of
// X or Y. NaN when either feature set has no variance.
import { checkAborted } from '../base/abort';
import { rowDots } from './dot-kernel';
import { badData, checkLength } from './validate';

export interface FeatureMatrix {
  /** N × dim, row-major. */
  data: Float32Array;
  dim: number;
}

/** Column-centred copy, transposed to dim × N so each feature is one contiguous row. */
function centredColumns({ data, dim }: FeatureMatrix, n: number, label: string): Float32Array {
  checkLength(`${label} (N×d = ${n}×${dim})`, data.length, n * dim);
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) mean[k] += data[i * dim + k];
  for (let k = 0; k < dim; k++) mean[k] /= n;
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) out[k * n + i] = data[i * dim + k] - mean[k];
  return out;
}

/** ‖AᵀB‖²_F from column-major centred A (da × N) and B (db × N): one row-dot pass per column of B. */
function crossFrobeniusSq(a: Float32Array, da: number, b: Float32Array, db: number, n: number, signal?: AbortSignal): number {
  const column = new Float64Array(da);
  let total = 0;
  for (let q = 0; q < db; q++) {
    if (q % 16 === 0) checkAborted(signal);
    rowDots(a, da, n, b, q * n, column);
    for (let p = 0; p < da; p++) total += column[p] * column[p];
  }
  return total;
}

function ckaFromParts(xy: number, xx: number, yy: number): number {
  const denom = Math.sqrt(xx) * Math.sqrt(yy);
  return denom > 0 ? xy / denom : NaN;
}

export function linearCka(x: FeatureMatrix, y: FeatureMatrix, n: number, signal?: AbortSignal): number {
  if (!(n > 0)) throw badData('CKA needs at least one sample.');
  const xc = centredColumns(x, n, 'CKA X');
  const yc = centredColumns(y, n, 'CKA Y');
  const xx = crossFrobeniusSq(xc, x.dim, xc, x.dim, n, signal);
  const yy = crossFrobeniusSq(yc, y.dim, yc, y.dim, n, signal);
  return ckaFromParts(crossFrobeniusSq(xc, x.dim, yc, y.dim, n, signal), xx, yy);
}

/** M × M linear CKA between models' features on the same samples (each Gram norm computed once). */
export function ckaMatrix(features: FeatureMatrix[], n: number, signal?: AbortSignal): Float64Array {
  if (!(n > 0)) throw badData('CKA needs at least one sample.');
  const m = features.length;
  const centred = features.map((f, k) => centredColumns(f, n, `CKA features of model ${k}`));
  const self = centred.map((c, k) => crossFrobeniusSq(c, features[k].dim, c, features[k].dim, n, signal));
  const out = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    out[a * m + a] = self[a] > 0 ? 1 : NaN;
    for (let b = a + 1; b < m; b++) {
      const xy = crossFrobeniusSq(centred[a], features[a].dim, centred[b], features[b].dim, n, signal);
      out[a * m + b] = out[b * m + a] = ckaFromParts(xy, self[a], self[b]);
    }
  }
  return out;
}
