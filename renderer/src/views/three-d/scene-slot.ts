// One 3-D view: a scene with ONE THREE.Points over the model's buffers (opacity by local density,
// point-density.ts), a frame box, and line sets for dense→pruned displacement and severity
// trajectories; its own camera.
import * as THREE from 'three';
import type { CameraState } from '../../state/app-state';
import { cameraPosition } from './orbit';
import { createPointMaterial } from './point-material';
import { densityOpacity } from './point-density';

export class SceneSlot {
  readonly scene = new THREE.Scene();
  readonly camera = new THREE.PerspectiveCamera(40, 1, 0.01, 100);
  readonly geometry = new THREE.BufferGeometry();
  readonly material: THREE.ShaderMaterial;
  readonly states: Float32Array;
  private readonly stateAttribute: THREE.BufferAttribute;
  private readonly displacement = new THREE.LineSegments(new THREE.BufferGeometry(), new THREE.LineBasicMaterial({ transparent: true, opacity: 0.7 }));
  private readonly trajectories = new THREE.LineSegments(new THREE.BufferGeometry(), new THREE.LineBasicMaterial({ color: 0xe8590c, linewidth: 2 }));
  private readonly frame: THREE.LineSegments;

  constructor(
    readonly id: string,
    readonly positions: Float32Array,
    colors: Float32Array,
    outline: THREE.Color,
  ) {
    const count = positions.length / 3;
    this.states = new Float32Array(count);
    this.geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    this.geometry.setAttribute('aColor', new THREE.BufferAttribute(colors, 3));
    this.stateAttribute = new THREE.BufferAttribute(this.states, 1);
    this.stateAttribute.setUsage(THREE.DynamicDrawUsage);
    this.geometry.setAttribute('aState', this.stateAttribute);
    this.geometry.setAttribute('aDensity', new THREE.BufferAttribute(densityOpacity(positions), 1));
    // Positions live in [-1, 1]³ (NaN for undefined geometry): skip three's bounding-sphere pass.
    this.geometry.boundingSphere = new THREE.Sphere(new THREE.Vector3(), Math.sqrt(3));
    this.material = createPointMaterial(outline);
    const points = new THREE.Points(this.geometry, this.material);
    points.frustumCulled = false;
    this.frame = new THREE.LineSegments(new THREE.EdgesGeometry(new THREE.BoxGeometry(2, 2, 2)), new THREE.LineBasicMaterial({ transparent: true, opacity: 0.35 }));
    this.displacement.frustumCulled = false;
    this.trajectories.frustumCulled = false;
    this.scene.add(this.frame, points, this.displacement, this.trajectories);
  }

  get count(): number {
    return this.states.length;
  }

  /** Marks the whole state buffer (or just a few points) for upload. */
  statesChanged(indices?: number[]): void {
    this.stateAttribute.clearUpdateRanges();
    if (indices) for (const i of indices) this.stateAttribute.addUpdateRange(i, 1);
    this.stateAttribute.needsUpdate = true;
  }

  setCamera(c: CameraState, aspect: number): void {
    const [x, y, z] = cameraPosition(c);
    this.camera.position.set(x, y, z);
    this.camera.aspect = aspect;
    // Keep 40° across the narrower side, so tall views do not crop the cloud.
    this.camera.fov = aspect >= 1 ? 40 : (2 * Math.atan(Math.tan((20 * Math.PI) / 180) / aspect) * 180) / Math.PI;
    this.camera.lookAt(0, 0, 0);
    this.camera.updateProjectionMatrix();
    this.camera.updateMatrixWorld();
  }

  viewProjection(): number[] {
    return new THREE.Matrix4().multiplyMatrices(this.camera.projectionMatrix, this.camera.matrixWorldInverse).elements;
  }

  setTheme(frame: THREE.Color, lines: THREE.Color, pixelRatio: number): void {
    (this.frame.material as THREE.LineBasicMaterial).color = frame;
    (this.displacement.material as THREE.LineBasicMaterial).color = lines;
    this.material.uniforms.uPixelRatio.value = pixelRatio;
  }

  /** Pairs of points (x0 y0 z0 x1 y1 z1 …) for the displacement segments. */
  setDisplacement(segments: Float32Array): void {
    replaceLines(this.displacement, segments);
  }

  setTrajectory(segments: Float32Array): void {
    replaceLines(this.trajectories, segments);
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
    for (const obj of [this.displacement, this.trajectories, this.frame]) {
      obj.geometry.dispose();
      (obj.material as THREE.Material).dispose();
    }
  }
}

function replaceLines(lines: THREE.LineSegments, segments: Float32Array) {
  lines.geometry.dispose();
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(segments, 3));
  geometry.boundingSphere = new THREE.Sphere(new THREE.Vector3(), Math.sqrt(3));
  lines.geometry = geometry;
  lines.visible = segments.length > 0;
}
