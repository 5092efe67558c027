// CPU picking: project every point with the view-projection matrix (column-major, as three.js
// stores it) and take the nearest within a pixel radius. 20,000 points cost well under a millisecond.

/** Index of the point nearest to (px, py) in a viewport of width × height CSS pixels, or null. */
export function pickNearest(positions: Float32Array, viewProjection: ArrayLike<number>, width: number, height: number, px: number, py: number, radius: number, skip?: (i: number) => boolean): number | null {
  const m = viewProjection;
  let best: number | null = null;
  let bestD = radius * radius;
  let bestDepth = Infinity;
  const n = positions.length / 3;
  for (let i = 0; i < n; i++) {
    if (skip && skip(i)) continue;
    const x = positions[3 * i];
    const y = positions[3 * i + 1];
    const z = positions[3 * i + 2];
    const w = m[3] * x + m[7] * y + m[11] * z + m[15];
    if (!(w > 0)) continue; // behind the camera, or NaN
    const sx = ((m[0] * x + m[4] * y + m[8] * z + m[12]) / w + 1) * 0.5 * width;
    const sy = (1 - (m[1] * x + m[5] * y + m[9] * z + m[13]) / w) * 0.5 * height;
    const dx = sx - px;
    const dy = sy - py;
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
