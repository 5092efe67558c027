// Dendrogram geometry from average-linkage merges: each leaf sits at its position in the leaf
// order, each merge midway between its children at its height; links are drawn as "⊓" shapes.
import type { RedundancyResult } from '../../../../src-shared/api/result-types';

type Merge = RedundancyResult['merges'][number];

export interface DendrogramLink {
  /** Child positions (leaf units) and heights, and the merge height. */
  x1: number;
  h1: number;
  x2: number;
  h2: number;
  h: number;
}

/** `order[k]` is the leaf drawn at position k; merges refer to leaves (< K) or to merge K + i. */
export function dendrogramLinks(order: number[], merges: Merge[]): { links: DendrogramLink[]; maxHeight: number } {
  const k = order.length;
  const x = new Map<number, number>();
  const h = new Map<number, number>();
  order.forEach((leaf, pos) => {
    x.set(leaf, pos);
    h.set(leaf, 0);
  });
  const links: DendrogramLink[] = [];
  let maxHeight = 0;
  merges.forEach((merge, i) => {
    const xa = x.get(merge.a);
    const xb = x.get(merge.b);
    if (xa === undefined || xb === undefined) throw new Error(`merge ${i} refers to an unknown cluster`);
    links.push({ x1: xa, h1: h.get(merge.a)!, x2: xb, h2: h.get(merge.b)!, h: merge.height });
    x.set(k + i, (xa + xb) / 2);
    h.set(k + i, merge.height);
    maxHeight = Math.max(maxHeight, merge.height);
  });
  return { links, maxHeight };
}

/** The matrix with rows and columns permuted to the leaf order. */
export function reorder(matrix: Float32Array, order: number[]): Float32Array {
  const k = order.length;
  const out = new Float32Array(k * k);
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) out[r * k + c] = matrix[order[r] * k + order[c]];
  return out;
}
