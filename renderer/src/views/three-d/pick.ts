// CPU picking: project every point with the view-projection matrix (column-major, as three.js
// stores it) and take the nearest within a pixel radius. 20,000 points cost well under a millisecond.
import { projectPoint } from './screen-projection';

/** Index of the point nearest to (px, py) in a viewport of width × height CSS pixels, or null. */
export function pickNearest(positions: Float32Array, viewProjection: ArrayLike<number>, width: number, height: number, px: number, py: number, radius: number, skip?: (i: number) => boolean): number | null {
  const m = viewProjection;
  let best: number | null = null;
  let bestD = radius * radius;
  let bestDepth = Infinity;
  const n = positions.length / 3;
  for (let i = 0; i < n; i++) {
    if (skip && skip(i)) continue;
    const p = projectPoint(m, positions[3 * i], positions[3 * i + 1], positions[3 * i + 2], width, height);
    if (!(p.w > 0)) continue; // behind the camera, or NaN
    const w = p.w;
    const dx = p.x - px;
    const dy = p.y - py;
    const d = dx * dx + dy * dy;
    // Within the radius, the nearest on screen wins; ties go to the point closer to the camera.
    if (d < bestD || (d === bestD && w < bestDepth)) {
      bestD = d;
      bestDepth = w;
      best = i;
    }
  }
  return best;
}
