// UMAP's fuzzy simplicial set (umap-learn's smooth_knn_dist, compute_membership_strengths and
// fuzzy_simplicial_set): per-point distance scales make every kNN row carry log2(k) "mass",
// then the directed memberships are symmetrised with the probabilistic t-conorm a + b − ab.
import type { KnnGraph } from './knn-graph';

const TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;
const BINARY_SEARCH_STEPS = 64;

export interface SmoothKnn {
  sigmas: Float32Array;
  rhos: Float32Array;
}

/**
 * For each row, rho = distance to the `localConnectivity`-th nonzero neighbour and sigma such
 * that Σ_{j≥1} exp(−max(0, d_j − rho)/sigma) = log2(k)·bandwidth (binary search).
 * As in umap-learn, column 0 (the point itself in a fit) is left out of the sum.
 */
export function smoothKnnDistances(knn: KnnGraph, localConnectivity = 1, bandwidth = 1): SmoothKnn {
  const { n, k, distances } = knn;
  const target = Math.log2(k) * bandwidth;
  const sigmas = new Float32Array(n);
  const rhos = new Float32Array(n);
  let meanAll = 0;
  for (let t = 0; t < n * k; t++) meanAll += distances[t];
  meanAll /= Math.max(1, n * k);
  const nonZero = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let nnz = 0;
    let rowMean = 0;
    for (let j = 0; j < k; j++) {
      const d = distances[base + j];
      rowMean += d;
      if (d > 0) nonZero[nnz++] = d;
    }
    rowMean /= k;
    let rho = 0;
    if (nnz >= localConnectivity) {
      const index = Math.floor(localConnectivity);
      const interpolation = localConnectivity - index;
      if (index > 0) {
        rho = nonZero[index - 1];
        if (interpolation > TOLERANCE) rho += interpolation * (nonZero[index] - nonZero[index - 1]);
      } else rho = interpolation * nonZero[0];
    } else if (nnz > 0) rho = nonZero[nnz - 1];
    rhos[i] = rho;
    let lo = 0, hi = Infinity, mid = 1;
    for (let step = 0; step < BINARY_SEARCH_STEPS; step++) {
      let psum = 0;
      for (let j = 1; j < k; j++) {
        const d = distances[base + j] - rho;
        psum += d > 0 ? Math.exp(-d / mid) : 1;
      }
      if (Math.abs(psum - target) < TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    const floor = MIN_K_DIST_SCALE * (rho > 0 ? rowMean : meanAll);
    sigmas[i] = Math.max(mid, floor);
  }
  return { sigmas, rhos };
}

/** Directed membership strength of every kNN entry (0 for self unless `bipartite`). */
export function membershipStrengths(knn: KnnGraph, smooth: SmoothKnn, bipartite: boolean): Float32Array {
  const { n, k, indices, distances } = knn;
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const sigma = smooth.sigmas[i];
    const rho = smooth.rhos[i];
    for (let t = i * k; t < i * k + k; t++) {
      const j = indices[t];
      if (j < 0 || (!bipartite && j === i)) continue;
      const d = distances[t] - rho;
      out[t] = d <= 0 || sigma === 0 ? 1 : Math.exp(-d / sigma);
    }
  }
  return out;
}

/** Symmetric sparse graph, edges grouped by row (rowStarts is CSR-style). */
export interface FuzzyGraph {
  n: number;
  rowStarts: Int32Array;
  rows: Int32Array;
  cols: Int32Array;
  weights: Float32Array;
}

export interface FuzzySetOptions {
  localConnectivity?: number;
  /** 1 = pure fuzzy union (a + b − ab), 0 = pure intersection (ab). */
  setOpMixRatio?: number;
}

export function fuzzySimplicialSet(knn: KnnGraph, options: FuzzySetOptions = {}): FuzzyGraph {
  const { n, k, indices } = knn;
  const mix = options.setOpMixRatio ?? 1;
  const strengths = membershipStrengths(knn, smoothKnnDistances(knn, options.localConnectivity ?? 1), false);
  const reverse = (i: number, j: number): number => {
    for (let t = j * k; t < j * k + k; t++) if (indices[t] === i) return strengths[t];
    return -1;
  };
  // Each unordered pair is emitted once per direction: a mutual pair by both rows, a
  // one-sided pair by the row that has it, for itself and its mirror.
  const eRow = new Int32Array(2 * n * k), eCol = new Int32Array(2 * n * k), eVal = new Float32Array(2 * n * k);
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let t = i * k; t < i * k + k; t++) {
      const j = indices[t];
      if (j < 0 || j === i) continue;
      const a = strengths[t];
      const back = reverse(i, j);
      const b = Math.max(0, back);
      const prod = a * b;
      const value = mix * (a + b - prod) + (1 - mix) * prod;
      if (value <= 0) continue;
      eRow[m] = i; eCol[m] = j; eVal[m++] = value;
      if (back < 0) {
        eRow[m] = j; eCol[m] = i; eVal[m++] = value;
      }
    }
  }
  const rowStarts = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) rowStarts[eRow[e] + 1]++;
  for (let i = 0; i < n; i++) rowStarts[i + 1] += rowStarts[i];
  const fill = rowStarts.slice(0, n);
  const rows = new Int32Array(m), cols = new Int32Array(m), weights = new Float32Array(m);
  for (let e = 0; e < m; e++) {
    const at = fill[eRow[e]]++;
    rows[at] = eRow[e];
    cols[at] = eCol[e];
    weights[at] = eVal[e];
  }
  return { n, rowStarts, rows, cols, weights };
}
