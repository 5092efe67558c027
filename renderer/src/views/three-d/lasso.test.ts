// Lasso maths checked against independent references: three.js's own Vector3.project for the
// screen projection, and a convex-polygon test by cross products for point-in-polygon.
import fc from 'fast-check';
import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { extendLasso, pointInPolygon, pointsInPolygon } from './lasso';
import { inFront, projectPoint } from './screen-projection';

function camera(): { cam: THREE.PerspectiveCamera; vp: number[] } {
  const cam = new THREE.PerspectiveCamera(40, 1.5, 0.01, 100);
  cam.position.set(2.1, 1.3, 3.4);
  cam.lookAt(0, 0, 0);
  cam.updateProjectionMatrix();
  cam.updateMatrixWorld();
  return { cam, vp: new THREE.Matrix4().multiplyMatrices(cam.projectionMatrix, cam.matrixWorldInverse).elements };
}

describe('screen projection', () => {
  it('agrees with three.js Vector3.project mapped to a 300 × 200 viewport', () => {
    const { cam, vp } = camera();
    for (const [x, y, z] of [[0, 0, 0], [1, -1, 0.5], [-0.7, 0.9, -1], [0.3, 0.2, 0.9]]) {
      const ndc = new THREE.Vector3(x, y, z).project(cam);
      const p = projectPoint(vp, x, y, z, 300, 200);
      expect(p.x).toBeCloseTo(((ndc.x + 1) / 2) * 300, 3);
      expect(p.y).toBeCloseTo(((1 - ndc.y) / 2) * 200, 3);
      expect(inFront(p)).toBe(true);
    }
    // The origin is what the camera looks at: the viewport's centre.
    expect(projectPoint(vp, 0, 0, 0, 300, 200).x).toBeCloseTo(150, 6);
    // Behind the camera, or no position: never drawn, never selected.
    expect(inFront(projectPoint(vp, 4.2, 2.6, 6.8, 300, 200))).toBe(false);
    expect(inFront(projectPoint(vp, NaN, 0, 0, 300, 200))).toBe(false);
  });
});

describe('point in polygon', () => {
  it('a concave (L-shaped) polygon', () => {
    const l = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 4 }, { x: 4, y: 4 }, { x: 4, y: 10 }, { x: 0, y: 10 }];
    expect(pointInPolygon(2, 2, l)).toBe(true);
    expect(pointInPolygon(8, 2, l)).toBe(true);
    expect(pointInPolygon(2, 8, l)).toBe(true);
    expect(pointInPolygon(8, 8, l)).toBe(false); // the notch
    expect(pointInPolygon(-1, 5, l)).toBe(false);
    expect(pointInPolygon(11, 2, l)).toBe(false);
    expect(pointInPolygon(1, 1, l.slice(0, 2))).toBe(false); // a segment encloses nothing
  });

  it('matches a cross-product test on random convex polygons (the same winding)', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 359 }), { minLength: 3, maxLength: 9 }),
      fc.double({ min: -12, max: 12, noNaN: true }),
      fc.double({ min: -12, max: 12, noNaN: true }),
      (angles, x, y) => {
        const sorted = [...angles].sort((a, b) => a - b).map((d) => (d * Math.PI) / 180);
        const poly = sorted.map((a) => ({ x: 10 * Math.cos(a), y: 10 * Math.sin(a) }));
        const crosses = poly.map((a, i) => {
          const b = poly[(i + 1) % poly.length];
          return (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x);
        });
        fc.pre(crosses.every((c) => Math.abs(c) > 1e-6)); // not on an edge
        expect(pointInPolygon(x, y, poly)).toBe(crosses.every((c) => c > 0));
      },
    ), { numRuns: 500 });
  });
});

describe('lasso selection', () => {
  it('selects the points drawn inside the polygon, skipping filtered, NaN and behind-camera points', () => {
    const { vp } = camera();
    const positions = new Float32Array([0, 0, 0, 0.05, 0.05, 0, 1, 1, 1, 0, 0, 0, NaN, NaN, NaN, 4.2, 2.6, 6.8]);
    const centre = projectPoint(vp, 0, 0, 0, 300, 200);
    const box = [{ x: centre.x - 20, y: centre.y - 20 }, { x: centre.x + 20, y: centre.y - 20 }, { x: centre.x + 20, y: centre.y + 20 }, { x: centre.x - 20, y: centre.y + 20 }];
    expect(pointsInPolygon(positions, vp, 300, 200, box)).toEqual([0, 1, 3]);
    expect(pointsInPolygon(positions, vp, 300, 200, box, (i) => i === 3)).toEqual([0, 1]);
    expect(pointsInPolygon(positions, vp, 300, 200, box.slice(0, 2))).toEqual([]);
    // Every point the lasso picks projects inside it; every other drawn point outside.
    const far = projectPoint(vp, 1, 1, 1, 300, 200);
    expect(pointInPolygon(far.x, far.y, box)).toBe(false);
  });

  it('drops vertices closer than the minimum step', () => {
    let poly = extendLasso([], 0, 0);
    poly = extendLasso(poly, 1, 1);
    poly = extendLasso(poly, 5, 0);
    expect(poly).toEqual([{ x: 0, y: 0 }, { x: 5, y: 0 }]);
  });
});
