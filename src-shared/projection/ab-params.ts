// The low-dimensional similarity curve 1 / (1 + a·d^(2b)), fitted to UMAP's target
// "1 below min_dist, then exp(−(d − min_dist)/spread)" by least squares over 300 points in
// [0, 3·spread] — umap-learn's find_ab_params (scipy curve_fit), here with Levenberg–Marquardt.
import { PruneLensError } from '../base/errors';

export interface CurveParams {
  a: number;
  b: number;
}

export function findAbParams(spread = 1, minDist = 0.1): CurveParams {
  if (!(spread > 0) || !(minDist >= 0)) throw new PruneLensError('bad-request', `UMAP: need spread > 0 and minDist ≥ 0 (got spread ${spread}, minDist ${minDist}).`);
  const m = 300;
  const xs = new Float64Array(m), ys = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const x = (spread * 3 * i) / (m - 1);
    xs[i] = x;
    ys[i] = x < minDist ? 1 : Math.exp(-(x - minDist) / spread);
  }
  const sse = (a: number, b: number) => {
    let s = 0;
    for (let i = 0; i < m; i++) {
      const r = 1 / (1 + a * Math.pow(xs[i], 2 * b)) - ys[i];
      s += r * r;
    }
    return s;
  };
  let a = 1, b = 1, lambda = 1e-3;
  let cost = sse(a, b);
  for (let iter = 0; iter < 500; iter++) {
    // Normal equations JᵀJ δ = −Jᵀr for the two parameters.
    let jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
    for (let i = 0; i < m; i++) {
      const x = xs[i];
      const p = x > 0 ? Math.pow(x, 2 * b) : 0;
      const q = 1 + a * p;
      const r = 1 / q - ys[i];
      const da = -p / (q * q);
      const db = x > 0 ? (-a * p * 2 * Math.log(x)) / (q * q) : 0;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    let improved = false;
    while (lambda < 1e12) {
      const haa = jaa * (1 + lambda), hbb = jbb * (1 + lambda);
      const det = haa * hbb - jab * jab;
      const stepA = (-ga * hbb + gb * jab) / det;
      const stepB = (-gb * haa + ga * jab) / det;
      const next = sse(a + stepA, b + stepB);
      if (Number.isFinite(next) && next < cost) {
        const relative = (cost - next) / Math.max(cost, 1e-300);
        a += stepA;
        b += stepB;
        cost = next;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = relative > 1e-15;
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  return { a, b };
}
