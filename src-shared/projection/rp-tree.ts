// Random-projection trees (pynndescent's Euclidean variant): split on the hyperplane halfway
// between two random points until leaves are small. Leaves seed NN-descent with good
// candidates, and a query walks one root-to-leaf path to find starting points for search.
import type { Rng } from '../base/rng';

export interface RpTree {
  dim: number;
  /** Hyperplane normal of internal node t at [t*dim, (t+1)*dim). */
  hyperplanes: Float32Array;
  offsets: Float32Array;
  /** Children of node t at 2t and 2t+1; a negative value −(l+1) is leaf l. */
  children: Int32Array;
  /** Leaf l holds points[leafStarts[l] .. leafStarts[l+1]). */
  leafStarts: Int32Array;
  points: Int32Array;
}

const MAX_DEPTH = 100;

export function buildRpTree(data: Float32Array, n: number, dim: number, leafSize: number, rng: Rng): RpTree {
  const points = new Int32Array(n);
  for (let i = 0; i < n; i++) points[i] = i;
  const planes: Float32Array[] = [];
  const offsets: number[] = [];
  const children: number[] = [];
  const leafStarts: number[] = [];
  const side = new Uint8Array(n);
  const scratch = new Int32Array(n);
  const normal = new Float32Array(dim);

  // Returns the child code for the range [start, end): a node id, or −(leaf+1).
  const build = (start: number, end: number, depth: number): number => {
    if (end - start <= leafSize || depth >= MAX_DEPTH) {
      leafStarts.push(start);
      return -leafStarts.length;
    }
    const size = end - start;
    const li = rng.int(size);
    let ri = rng.int(size - 1);
    if (ri >= li) ri++;
    const left = points[start + li], right = points[start + ri];
    let offset = 0;
    for (let d = 0; d < dim; d++) {
      const l = data[left * dim + d], r = data[right * dim + d];
      normal[d] = l - r;
      offset -= normal[d] * (l + r) * 0.5;
    }
    let nLeft = assignSides(data, dim, points, start, end, normal, offset, side, rng);
    if (nLeft === 0 || nLeft === size) {
      // Degenerate split (duplicates): halve at random so the recursion still ends.
      nLeft = 0;
      for (let t = start; t < end; t++) {
        side[t] = rng.int(2);
        if (side[t] === 0) nLeft++;
      }
      if (nLeft === 0 || nLeft === size) {
        nLeft = size >> 1;
        for (let t = start; t < end; t++) side[t] = t - start < nLeft ? 0 : 1;
      }
    }
    let a = start, b = start + nLeft;
    for (let t = start; t < end; t++) scratch[side[t] === 0 ? a++ : b++] = points[t];
    points.set(scratch.subarray(start, end), start);
    const node = offsets.length;
    planes.push(normal.slice());
    offsets.push(offset);
    children.push(0, 0);
    children[2 * node] = build(start, start + nLeft, depth + 1);
    children[2 * node + 1] = build(start + nLeft, end, depth + 1);
    return node;
  };

  const root = build(0, n, 0);
  leafStarts.push(n);
  const hyperplanes = new Float32Array(planes.length * dim);
  planes.forEach((p, t) => hyperplanes.set(p, t * dim));
  // A tree that is a single leaf has no nodes: give it a dummy root pointing at that leaf.
  if (root < 0) return { dim, hyperplanes: new Float32Array(dim), offsets: new Float32Array(1), children: Int32Array.of(root, root), leafStarts: Int32Array.from(leafStarts), points };
  return { dim, hyperplanes, offsets: Float32Array.from(offsets), children: Int32Array.from(children), leafStarts: Int32Array.from(leafStarts), points };
}

/** Marks each point's side of the hyperplane (0 = positive margin); returns the count of 0s. */
function assignSides(data: Float32Array, dim: number, points: Int32Array, start: number, end: number, normal: Float32Array, offset: number, side: Uint8Array, rng: Rng): number {
  let nLeft = 0;
  for (let t = start; t < end; t++) {
    const base = points[t] * dim;
    let margin = offset;
    for (let d = 0; d < dim; d++) margin += normal[d] * data[base + d];
    const s = margin > 1e-8 ? 0 : margin < -1e-8 ? 1 : rng.int(2);
    side[t] = s;
    if (s === 0) nLeft++;
  }
  return nLeft;
}

export function leafCount(tree: RpTree): number {
  return tree.leafStarts.length - 1;
}

/** The points of leaf l. */
export function leafPoints(tree: RpTree, leaf: number): Int32Array {
  return tree.points.subarray(tree.leafStarts[leaf], tree.leafStarts[leaf + 1]);
}

/** The leaf that `query[qRow]` falls into. */
export function searchLeaf(tree: RpTree, query: Float32Array, qRow: number): number {
  const { dim, hyperplanes, offsets, children } = tree;
  const qBase = qRow * dim;
  let node = 0;
  for (;;) {
    let margin = offsets[node];
    const base = node * dim;
    for (let d = 0; d < dim; d++) margin += hyperplanes[base + d] * query[qBase + d];
    const next = children[2 * node + (margin > 0 ? 0 : 1)];
    if (next < 0) return -next - 1;
    node = next;
  }
}
