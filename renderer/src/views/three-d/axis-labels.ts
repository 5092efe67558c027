// Axis labels of the geometric-axes layout: each label sits just past the positive end of its
// axis on the frame box ([-1, 1]³, edges through the corner (-1, -1, -1)), projected to the
// view's screen like the points, so the labels follow the camera.
import { inFront, projectPoint } from './screen-projection';
import type { Viewport } from './viewport-layout';

/** x, y, z of the geometric-axes layout (compute/point-buffers interleaves angle, length, margin). */
export const geometryAxisNames = ['angle to true class →', 'feature length ‖f‖ →', 'logit margin →'] as const;

/** Where each axis label is anchored: the axis end pushed 15 % beyond the box. */
const anchors: [number, number, number][] = [
  [1.15, -1, -1],
  [-1, 1.15, -1],
  [-1, -1, 1.15],
];

/** Canvas CSS-pixel positions of the three labels in viewport `vp`, or null where an anchor is behind the camera or outside the view. */
export function axisLabelPositions(viewProjection: ArrayLike<number>, vp: Viewport): ({ x: number; y: number } | null)[] {
  return anchors.map(([x, y, z]) => {
    const p = projectPoint(viewProjection, x, y, z, vp.width, vp.height);
    if (!inFront(p) || p.x < 0 || p.y < 0 || p.x > vp.width || p.y > vp.height) return null;
    return { x: vp.x + p.x, y: vp.y + p.y };
  });
}

/** Top-left corner for a label of w × h centred on `anchor`, moved inside the viewport (2 px inset). */
export function labelCorner(anchor: { x: number; y: number }, w: number, h: number, vp: Viewport): { x: number; y: number } {
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  return { x: clamp(anchor.x - w / 2, vp.x + 2, vp.x + vp.width - w - 2), y: clamp(anchor.y - h / 2, vp.y + 2, vp.y + vp.height - h - 2) };
}
