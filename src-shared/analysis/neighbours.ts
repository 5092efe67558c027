// Nearest neighbours by cosine similarity (the angle between feature vectors — the same geometry
// the classifier's class angles use). Brute force over the pool: one dot product per row, so a
// 10,000 × 512 pool is ~5 M multiply-adds, milliseconds.

export interface Neighbour {
  index: number;
  /** cos ∠(query, pool row), in [−1, 1]. */
  similarity: number;
}

/**
 * The `k` rows of `pool` (n × dim, row-major) most similar to `query` (dim), best first; ties
 * go to the lower index. Rows with a zero vector, and `exclude`, are skipped. A zero query has
 * no direction: the result is empty.
 */
export function nearestByCosine(pool: Float32Array, n: number, dim: number, query: Float32Array, k: number, exclude = -1): Neighbour[] {
  let qNorm = 0;
  for (let j = 0; j < dim; j++) qNorm += query[j] * query[j];
  if (qNorm === 0 || k <= 0) return [];
  qNorm = Math.sqrt(qNorm);
  const best: Neighbour[] = [];
  for (let i = 0; i < n; i++) {
    if (i === exclude) continue;
    let dot = 0;
    let norm = 0;
    const row = i * dim;
    for (let j = 0; j < dim; j++) {
      const v = pool[row + j];
      dot += v * query[j];
      norm += v * v;
    }
    if (norm === 0) continue;
    const similarity = dot / (Math.sqrt(norm) * qNorm);
    if (best.length === k && similarity <= best[k - 1].similarity) continue;
    // Insertion into the short sorted list (k is small).
    let at = best.length;
    while (at > 0 && best[at - 1].similarity < similarity) at--;
    best.splice(at, 0, { index: i, similarity });
    if (best.length > k) best.pop();
  }
  return best;
}
