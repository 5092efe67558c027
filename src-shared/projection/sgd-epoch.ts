// One epoch of UMAP's layout SGD (umap-learn's _optimize_layout_euclidean_single_epoch), one
// kernel for 3 components (sgd-layout.ts pads 1-D and 2-D maps). The gradient factors come
// from the curve table (curve-table.ts), looked up by d²'s float bits and interpolated inline
// (V8 did not inline a helper in this large loop: +30 % time); no square root. The update of a
// point is a long serial chain (pull, then negatives at the new position), and umap-learn's
// edge order runs a point's edges back to back, so the CPU mostly waited: two halves of the due
// edges are interleaved (1.4× faster, same quality; four or eight runs were no faster), and an
// edge's negative samples are evaluated at one head position and their sum applied (1.4×).
// Its WebAssembly twin, sgd-epoch.wat (run by sgd-wasm.ts where WebAssembly runs), must give the
// same bytes: change both together (sgd-wasm.test.ts compares them).
import { exactAttract, exactRepel, HIGH_WORD, SEGMENT_FRACTION, SEGMENT_MASK, SEGMENT_SHIFT } from './curve-table';
import type { LayoutState } from './layout-state';
import { dueEdges } from './sample-schedule';

const clip = (v: number) => (v > 4 ? 4 : v < -4 ? -4 : v);
// d²'s float64 bits, for the table lookup.
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

export function runEpoch(s: LayoutState, n: number): void {
  const { head, tail, edgeHead, edgeTail, epochsPerNegative, nextNegative, alpha, nTail, table } = s;
  const due = s.schedule.due;
  const count = dueEdges(s.schedule, n);
  const { attract, repel, base, nodes } = table;
  const hw = HIGH_WORD;
  const moveOther = head === tail;
  // umap-learn's fixed push for coincident distinct points, on the map's own components only.
  const push1 = s.dim > 1 ? 4 : 0, push2 = s.dim > 2 ? 4 : 0;
  let x = s.random;
  // Two interleaved runs of the due edges (first half, second half): each point still takes
  // its edges in a row, while the other run's point gives the CPU independent work.
  const half = (count + 1) >> 1;
  for (let t = 0; t < count; t++) {
    const e = due[(t & 1) === 0 ? t >> 1 : half + (t >> 1)];
    const j = edgeHead[e];
    const jb = j * 3, kb = edgeTail[e] * 3;
    let h0 = head[jb], h1 = head[jb + 1], h2 = head[jb + 2];
    const t0 = tail[kb], t1 = tail[kb + 1], t2 = tail[kb + 2];
    const d0 = h0 - t0, d1 = h1 - t1, d2 = h2 - t2;
    const dd = d0 * d0 + d1 * d1 + d2 * d2;
    if (dd > 0) {
      bits[0] = dd;
      const hi = words[hw];
      const i = (hi >>> SEGMENT_SHIFT) - base;
      let f: number;
      if (i >= 0 && i < nodes) f = attract[2 * i] + (hi & SEGMENT_MASK) * SEGMENT_FRACTION * attract[2 * i + 1];
      else f = exactAttract(table, dd);
      const g0 = clip(f * d0) * alpha, g1 = clip(f * d1) * alpha, g2 = clip(f * d2) * alpha;
      h0 += g0;
      h1 += g1;
      h2 += g2;
      if (moveOther) {
        tail[kb] = t0 - g0;
        tail[kb + 1] = t1 - g1;
        tail[kb + 2] = t2 - g2;
      }
    }
    const negatives = Math.floor((n - nextNegative[e]) / epochsPerNegative[e]);
    if (negatives > 0) {
      nextNegative[e] += negatives * epochsPerNegative[e];
      // Repulsion from this edge's negative samples, summed at the same head position.
      let r0 = 0, r1 = 0, r2 = 0;
      for (let r = 0; r < negatives; r++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        // k = ⌊x · nTail / 2^32⌋ (a multiply, not a modulo), exactly, in two 16-bit halves so
        // no product passes 2^53; the .wat takes one 64-bit integer product.
        const xu = x >>> 0;
        const k = Math.floor(((xu >>> 16) * nTail + Math.floor(((xu & 0xffff) * nTail) / 65536)) / 65536);
        if (moveOther && k === j) continue;
        const ob = k * 3;
        const e0 = h0 - tail[ob], e1 = h1 - tail[ob + 1], e2 = h2 - tail[ob + 2];
        const de = e0 * e0 + e1 * e1 + e2 * e2;
        if (de > 0) {
          bits[0] = de;
          const hi = words[hw];
          const i = (hi >>> SEGMENT_SHIFT) - base;
          let f: number;
          if (i >= 0 && i < nodes) f = repel[2 * i] + (hi & SEGMENT_MASK) * SEGMENT_FRACTION * repel[2 * i + 1];
          else f = exactRepel(table, de);
          if (f * f * de <= 16) {
            // No component can exceed the clip (|e_c| ≤ d, f ≥ 0): the usual case, one branch.
            r0 += f * e0;
            r1 += f * e1;
            r2 += f * e2;
          } else {
            r0 += clip(f * e0);
            r1 += clip(f * e1);
            r2 += clip(f * e2);
          }
        } else {
          r0 += 4;
          r1 += push1;
          r2 += push2;
        }
      }
      h0 += r0 * alpha;
      h1 += r1 * alpha;
      h2 += r2 * alpha;
    }
    head[jb] = h0;
    head[jb + 1] = h1;
    head[jb + 2] = h2;
  }
  s.random = x;
}
