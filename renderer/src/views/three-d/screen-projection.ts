// Points of a 3-D view on screen: the view-projection matrix (column-major, as three.js stores
// it) maps a point to clip space; the perspective divide and the viewport give CSS pixels from
// the viewport's top-left corner. Used by picking (nearest point) and the lasso (points inside).

export interface ScreenPoint {
  x: number;
  y: number;
  /** Clip-space w: the distance along the view direction; not positive (or NaN) behind the camera. */
  w: number;
}

/** Screen position of (x, y, z) in a width × height viewport. */
export function projectPoint(m: ArrayLike<number>, x: number, y: number, z: number, width: number, height: number): ScreenPoint {
  const w = m[3] * x + m[7] * y + m[11] * z + m[15];
  return {
    x: ((m[0] * x + m[4] * y + m[8] * z + m[12]) / w + 1) * 0.5 * width,
    y: (1 - (m[1] * x + m[5] * y + m[9] * z + m[13]) / w) * 0.5 * height,
    w,
  };
}

/** Whether a projected point is drawn: in front of the camera and finite (NaN positions are undefined geometry). */
export function inFront(p: ScreenPoint): boolean {
  return p.w > 0 && Number.isFinite(p.x) && Number.isFinite(p.y);
}
