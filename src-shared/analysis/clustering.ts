// Average-linkage (UPGMA) agglomerative clustering of a small distance matrix, returned in SciPy's
// `linkage` layout so a dendrogram can be drawn: leaves are 0..K−1, merge i creates cluster K+i.
import { badData } from './validate';

export interface Merge {
  /** Lower cluster id. */
  a: number;
  /** Higher cluster id. */
  b: number;
  /** Average distance between the two clusters' members. */
  height: number;
  /** Leaves in the merged cluster. */
  size: number;
}

export interface Dendrogram {
  merges: Merge[];
  /** Leaves left to right (pre-order, lower id first — SciPy's `leaves_list`). */
  leafOrder: number[];
}

/** `distances` is K × K, symmetric; ties merge the first pair in (lower id, higher id) order. */
export function averageLinkage(distances: ArrayLike<number>, k: number): Dendrogram {
  if (distances.length !== k * k) throw badData(`clustering: expected ${k}×${k} distances, got ${distances.length}.`);
  // Working distances between active clusters, indexed by slot; slot i holds cluster ids[i].
  const d = Float64Array.from(distances);
  for (let i = 0; i < k * k; i++) if (Number.isNaN(d[i])) throw badData(`clustering: distance (${Math.floor(i / k)}, ${i % k}) is NaN.`);
  const ids = Array.from({ length: k }, (_, i) => i);
  const sizes = new Array<number>(k).fill(1);
  const active = new Array<boolean>(k).fill(true);
  const merges: Merge[] = [];
  for (let step = 0; step < k - 1; step++) {
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < k; i++) {
      if (!active[i]) continue;
      for (let j = i + 1; j < k; j++) {
        if (!active[j]) continue;
        if (bi === -1 || d[i * k + j] < d[bi * k + bj]) {
          bi = i;
          bj = j;
        }
      }
    }
    const height = d[bi * k + bj];
    const [a, b] = ids[bi] < ids[bj] ? [ids[bi], ids[bj]] : [ids[bj], ids[bi]];
    merges.push({ a, b, height, size: sizes[bi] + sizes[bj] });
    // Lance–Williams update for average linkage; the merged cluster takes slot bi.
    for (let x = 0; x < k; x++) {
      if (!active[x] || x === bi || x === bj) continue;
      const value = (sizes[bi] * d[bi * k + x] + sizes[bj] * d[bj * k + x]) / (sizes[bi] + sizes[bj]);
      d[bi * k + x] = d[x * k + bi] = value;
    }
    sizes[bi] += sizes[bj];
    ids[bi] = k + step;
    active[bj] = false;
  }
  return { merges, leafOrder: leafOrder(merges, k) };
}

function leafOrder(merges: Merge[], k: number): number[] {
  if (k === 0) return [];
  const order: number[] = [];
  const stack = [k === 1 ? 0 : k + merges.length - 1];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (id < k) order.push(id);
    else stack.push(merges[id - k].b, merges[id - k].a);
  }
  return order;
}
