// Singular value decomposition of a small dense matrix by one-sided Jacobi (Hestenes):
// rotate column pairs until all are orthogonal; their norms are the singular values.
// Accurate to machine precision, and plenty fast for the 2×2 / 3×3 cross-covariances of
// Procrustes alignment.

export interface Svd {
  /** m×p, orthonormal columns (completed to a basis where A is rank-deficient). */
  u: Float64Array;
  /** p singular values, largest first. */
  s: Float64Array;
  /** p×p orthogonal; A = U·diag(s)·Vᵀ. */
  v: Float64Array;
}

/** `a` is m×p row-major with m ≥ p. */
export function svd(a: Float64Array, m: number, p: number): Svd {
  const u = Float64Array.from(a);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  const eps = 1e-15;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let i = 0; i < p - 1; i++) {
      for (let j = i + 1; j < p; j++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let r = 0; r < m; r++) {
          const ui = u[r * p + i], uj = u[r * p + j];
          alpha += ui * ui;
          beta += uj * uj;
          gamma += ui * uj;
        }
        if (Math.abs(gamma) <= eps * Math.sqrt(alpha * beta) || gamma === 0) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotateColumns(u, m, p, i, j, c, s);
        rotateColumns(v, p, p, i, j, c, s);
      }
    }
    if (!rotated) break;
  }
  const s = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let norm = 0;
    for (let r = 0; r < m; r++) norm += u[r * p + i] ** 2;
    s[i] = Math.sqrt(norm);
  }
  const order = Array.from({ length: p }, (_, i) => i).sort((x, y) => s[y] - s[x]);
  const uo = new Float64Array(m * p), vo = new Float64Array(p * p), so = new Float64Array(p);
  order.forEach((col, t) => {
    so[t] = s[col];
    for (let r = 0; r < m; r++) uo[r * p + t] = so[t] > 0 ? u[r * p + col] / so[t] : 0;
    for (let r = 0; r < p; r++) vo[r * p + t] = v[r * p + col];
  });
  completeBasis(uo, m, p, so);
  return { u: uo, s: so, v: vo };
}

function rotateColumns(x: Float64Array, rows: number, p: number, i: number, j: number, c: number, s: number): void {
  for (let r = 0; r < rows; r++) {
    const xi = x[r * p + i], xj = x[r * p + j];
    x[r * p + i] = c * xi - s * xj;
    x[r * p + j] = s * xi + c * xj;
  }
}

/** Columns whose singular value is (numerically) zero get orthonormal fillers (Gram–Schmidt). */
function completeBasis(u: Float64Array, m: number, p: number, s: Float64Array): void {
  const tiny = (s[0] || 1) * 1e-12;
  for (let col = 0; col < p; col++) {
    if (s[col] > tiny) continue;
    for (let e = 0; e < m; e++) {
      const w = new Float64Array(m);
      w[e] = 1;
      for (let other = 0; other < p; other++) {
        if (other === col || (s[other] <= tiny && other > col)) continue;
        let dot = 0;
        for (let r = 0; r < m; r++) dot += w[r] * u[r * p + other];
        for (let r = 0; r < m; r++) w[r] -= dot * u[r * p + other];
      }
      const norm = Math.hypot(...w);
      if (norm > 1e-6) {
        for (let r = 0; r < m; r++) u[r * p + col] = w[r] / norm;
        break;
      }
    }
  }
}
