// Minimum spanning tree of a complete graph given by a distance matrix (Prim, O(M²)).
import { badData } from './validate';

export interface MstEdge {
  a: number;
  b: number;
  weight: number;
}

/** Edges in the order Prim adds them, starting from vertex 0; `a` is the tree side. Ties → lowest index. */
export function minimumSpanningTree(distances: ArrayLike<number>, m: number): MstEdge[] {
  if (distances.length !== m * m) throw badData(`MST: expected ${m}×${m} distances, got ${distances.length}.`);
  const inTree = new Uint8Array(m);
  const best = new Float64Array(m).fill(Infinity);
  const parent = new Int32Array(m).fill(-1);
  const edges: MstEdge[] = [];
  if (m === 0) return edges;
  best[0] = 0;
  for (let step = 0; step < m; step++) {
    let u = -1;
    for (let v = 0; v < m; v++) if (!inTree[v] && (u === -1 || best[v] < best[u])) u = v;
    inTree[u] = 1;
    if (parent[u] >= 0) edges.push({ a: parent[u], b: u, weight: best[u] });
    for (let v = 0; v < m; v++) {
      const w = distances[u * m + v];
      if (Number.isNaN(w)) throw badData(`MST: distance (${u}, ${v}) is NaN.`);
      if (!inTree[v] && w < best[v]) {
        best[v] = w;
        parent[v] = u;
      }
    }
  }
  return edges;
}
