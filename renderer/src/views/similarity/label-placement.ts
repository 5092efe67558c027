// Greedy label placement for node-link plots: each label takes the first of a ring of candidate
// positions around its node (right, left, above, below, diagonals; then further out with a leader
// line) that overlaps no placed label, no node and stays inside the plot. Crowded nodes go first,
// since they have the fewest free spots.

export interface LabelInput {
  x: number;
  y: number;
  /** Label width and height in plot units. */
  width: number;
  height: number;
}

export interface PlacedLabel {
  /** Text anchor point, relative to the node. */
  dx: number;
  dy: number;
  anchor: 'start' | 'middle' | 'end';
  /** True when the label sits away from its node and needs a leader line. */
  leader: boolean;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const directions: [number, number][] = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [1, 1], [-1, -1], [-1, 1]];

export function boxOverlap(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The label's box for a direction at `gap` from the node centre. */
function candidate(node: LabelInput, [ux, uy]: [number, number], gap: number): { box: Box; label: PlacedLabel } {
  const anchor = ux > 0 ? 'start' : ux < 0 ? 'end' : 'middle';
  const dx = ux * gap;
  const dy = uy * (gap + node.height / 2);
  const label: PlacedLabel = { dx, dy, anchor, leader: false };
  return { box: labelBox(node, label), label };
}

export function placeLabels(nodes: LabelInput[], bounds: { width: number; height: number }, radius: number): PlacedLabel[] {
  const nodeBoxes: Box[] = nodes.map((n) => ({ x0: n.x - radius, y0: n.y - radius, x1: n.x + radius, y1: n.y + radius }));
  const crowding = nodes.map((n, i) => nodes.reduce((s, o, j) => s + (i !== j && Math.hypot(n.x - o.x, n.y - o.y) < 4 * (n.width + radius) ? 1 : 0), 0));
  const order = nodes.map((_, i) => i).sort((a, b) => crowding[b] - crowding[a] || a - b);
  const placed: Box[] = [];
  const out: PlacedLabel[] = new Array(nodes.length);
  for (const i of order) {
    const node = nodes[i];
    let best: { cost: number; box: Box; label: PlacedLabel } | null = null;
    for (let ring = 0; ring < 4 && (best === null || best.cost > 0); ring++) {
      const gap = radius + 4 + ring * (node.height + 4);
      for (const dir of directions) {
        const c = candidate(node, dir, gap);
        const outside = Math.max(0, -c.box.x0) + Math.max(0, c.box.x1 - bounds.width) + Math.max(0, -c.box.y0) + Math.max(0, c.box.y1 - bounds.height);
        let cost = outside * node.height * 4;
        for (const p of placed) cost += boxOverlap(c.box, p);
        for (let j = 0; j < nodes.length; j++) cost += boxOverlap(c.box, nodeBoxes[j]);
        // Prefer near positions: a farther ring must be strictly better.
        if (best === null || cost < best.cost) best = { cost, box: c.box, label: { ...c.label, leader: ring > 0 } };
        if (cost === 0) break;
      }
    }
    placed.push(best!.box);
    out[i] = best!.label;
  }
  return out;
}

/** Where a placed label's text lies (plot units). */
export function labelBox(node: LabelInput, label: PlacedLabel): Box {
  const left = label.anchor === 'start' ? label.dx : label.anchor === 'end' ? label.dx - node.width : label.dx - node.width / 2;
  return { x0: node.x + left, y0: node.y + label.dy - node.height / 2, x1: node.x + left + node.width, y1: node.y + label.dy + node.height / 2 };
}
