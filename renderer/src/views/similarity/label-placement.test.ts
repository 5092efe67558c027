import { describe, expect, it } from 'vitest';
import type { LabelInput } from './label-placement';
import { boxOverlap, labelBox, placeLabels } from './label-placement';

const bounds = { width: 640, height: 440 };
const label = (x: number, y: number, width = 60): LabelInput => ({ x, y, width, height: 12 });

function overlaps(nodes: LabelInput[], radius: number) {
  const placed = placeLabels(nodes, bounds, radius);
  const boxes = nodes.map((n, i) => labelBox(n, placed[i]));
  let labelLabel = 0;
  let labelNode = 0;
  boxes.forEach((b, i) => {
    boxes.forEach((c, j) => (labelLabel += j > i ? boxOverlap(b, c) : 0));
    nodes.forEach((n) => (labelNode += boxOverlap(b, { x0: n.x - radius, y0: n.y - radius, x1: n.x + radius, y1: n.y + radius })));
  });
  return { placed, boxes, labelLabel, labelNode };
}

describe('label placement', () => {
  it('puts a lone label to the right of its node, without a leader', () => {
    const [p] = placeLabels([label(100, 100)], bounds, 8);
    expect(p).toEqual({ dx: 12, dy: 0, anchor: 'start', leader: false });
  });

  it('flips a label left at the right edge, and below at the top edge', () => {
    const [right] = placeLabels([label(630, 200)], bounds, 8);
    expect(right.anchor).toBe('end');
    expect(labelBox(label(630, 200), right).x1).toBeLessThanOrEqual(640);
    const [top] = placeLabels([label(630, 3)], bounds, 8);
    expect(labelBox(label(630, 3), top).y0).toBeGreaterThanOrEqual(0);
  });

  it('separates the labels of nodes that sit almost on top of each other', () => {
    // Five models within a few pixels (e.g. dense and its lightly pruned variants).
    const nodes = [label(300, 200), label(303, 202), label(298, 205), label(305, 198), label(301, 207)];
    const { labelLabel, labelNode, placed } = overlaps(nodes, 8);
    expect(labelLabel).toBe(0);
    expect(labelNode).toBe(0);
    expect(placed.some((p) => p.leader)).toBe(true); // not all fit next to their node
  });

  it('keeps a row of close nodes readable: no two labels overlap', () => {
    const nodes = Array.from({ length: 11 }, (_, i) => label(200 + i * 14, 220 + (i % 2) * 6, 70));
    expect(overlaps(nodes, 8).labelLabel).toBe(0);
  });
});
