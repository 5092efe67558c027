// Axis labels of the geometric-axes layout: anchors projected like the points (checked against
// three.js's Vector3.project), hidden off screen, and labels kept inside their viewport.
import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { axisLabelPositions, labelCorner } from './axis-labels';

function viewProjection(position: [number, number, number], aspect: number): { cam: THREE.PerspectiveCamera; vp: number[] } {
  const cam = new THREE.PerspectiveCamera(40, aspect, 0.01, 100);
  cam.position.set(...position);
  cam.lookAt(0, 0, 0);
  cam.updateProjectionMatrix();
  cam.updateMatrixWorld();
  return { cam, vp: new THREE.Matrix4().multiplyMatrices(cam.projectionMatrix, cam.matrixWorldInverse).elements };
}

describe('geometric axis labels', () => {
  it('sit at the projected axis ends, offset by the viewport', () => {
    const { cam, vp } = viewProjection([3.1, 1.9, 3.3], 400 / 300);
    const view = { x: 400, y: 0, width: 400, height: 300 };
    const got = axisLabelPositions(vp, view);
    const ends: [number, number, number][] = [[1.15, -1, -1], [-1, 1.15, -1], [-1, -1, 1.15]];
    ends.forEach((e, a) => {
      const ndc = new THREE.Vector3(...e).project(cam);
      expect(got[a]!.x).toBeCloseTo(400 + ((ndc.x + 1) / 2) * 400, 3);
      expect(got[a]!.y).toBeCloseTo(((1 - ndc.y) / 2) * 300, 3);
    });
  });

  it('are hidden when the anchor is behind the camera or outside the view', () => {
    // Inside the box, looking at the origin down −z: the z label's anchor (z = 1.15) is behind.
    const { vp } = viewProjection([0, 0, 0.5], 1);
    const got = axisLabelPositions(vp, { x: 0, y: 0, width: 200, height: 200 });
    expect(got[2]).toBeNull();
    // x and y anchors at 45°+ off-axis with a 40° field of view: outside the view.
    expect(got[0]).toBeNull();
    expect(got[1]).toBeNull();
  });

  it('are moved inside their viewport', () => {
    const view = { x: 100, y: 50, width: 300, height: 200 };
    expect(labelCorner({ x: 390, y: 50 }, 120, 14, view)).toEqual({ x: 100 + 300 - 120 - 2, y: 52 });
    expect(labelCorner({ x: 250, y: 150 }, 120, 14, view)).toEqual({ x: 190, y: 143 });
  });
});
