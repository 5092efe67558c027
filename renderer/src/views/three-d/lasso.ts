// Lasso selection in a 3-D view: the samples whose points, as drawn, fall inside a polygon the
// user dragged on screen. Points behind the camera, with no position (NaN) or hidden by the
// active filter (`skip`) are never selected.
import { inFront, projectPoint } from './screen-projection';

export type Polygon = readonly { x: number; y: number }[];

/** Even–odd rule: whether (x, y) lies inside the closed polygon (the last vertex joins the first). */
export function pointInPolygon(x: number, y: number, polygon: Polygon): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i];
    const b = polygon[j];
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Indices of the points inside `polygon` (viewport CSS pixels) when drawn with `viewProjection` in a width × height viewport. */
export function pointsInPolygon(positions: Float32Array, viewProjection: ArrayLike<number>, width: number, height: number, polygon: Polygon, skip?: (i: number) => boolean): number[] {
  if (polygon.length < 3) return [];
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polygon) [x0, y0, x1, y1] = [Math.min(x0, p.x), Math.min(y0, p.y), Math.max(x1, p.x), Math.max(y1, p.y)];
  const out: number[] = [];
  const n = positions.length / 3;
  for (let i = 0; i < n; i++) {
    if (skip?.(i)) continue;
    const p = projectPoint(viewProjection, positions[3 * i], positions[3 * i + 1], positions[3 * i + 2], width, height);
    if (!inFront(p) || p.x < x0 || p.x > x1 || p.y < y0 || p.y > y1) continue;
    if (pointInPolygon(p.x, p.y, polygon)) out.push(i);
  }
  return out;
}

/** Appends a vertex unless it is within `minStep` pixels of the last one (a drag sends many tiny moves). */
export function extendLasso(polygon: Polygon, x: number, y: number, minStep = 3): Polygon {
  const last = polygon[polygon.length - 1];
  if (last && Math.hypot(x - last.x, y - last.y) < minStep) return polygon;
  return [...polygon, { x, y }];
}
