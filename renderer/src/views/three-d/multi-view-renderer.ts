// One WebGLRenderer for all 3-D views: each view is a scissored viewport of the same canvas
// (one GL context however many models are shown). Renders on demand, never in a busy loop.
// New views are uploaded to the GPU a few per frame (a time budget), so showing nine views of
// 20,000 points is a handful of short frames rather than one long task.
import * as THREE from 'three';
import type { CameraState } from '../../state/app-state';
import { LevelOfDetail } from './level-of-detail';
import type { Polygon } from './lasso';
import { pointsInPolygon } from './lasso';
import { pickNearest } from './pick';
import { DEFAULT_POINT_SIZE } from './point-material';
import type { SceneSlot } from './scene-slot';
import type { Viewport } from './viewport-layout';
import { viewportLayout } from './viewport-layout';

export class MultiViewRenderer {
  private readonly renderer: THREE.WebGLRenderer;
  private slots: SceneSlot[] = [];
  private cameras: CameraState[] = [];
  private width = 1;
  private height = 1;
  private pending = 0;
  /** Milliseconds of the last frame's CPU-side render call, and frames drawn (for the e2e report). */
  lastFrameMs = 0;
  frames = 0;
  /** Called after each frame; `complete` once every view has been drawn at least once. */
  onFrame: ((ms: number, frames: number, complete: boolean) => void) | null = null;
  private readonly uploaded = new WeakSet<SceneSlot>();
  private readonly lod = new LevelOfDetail();
  private interacting = false;
  private pointSize = DEFAULT_POINT_SIZE;

  /**
   * `size`: the canvas's CSS size. The canvas gets it before the context exists, so the context
   * starts with a drawing buffer of the final size instead of growing one (a slow first resize).
   */
  constructor(canvas: HTMLCanvasElement, size?: { width: number; height: number; dpr: number }) {
    const sized = size && size.width > 0 && size.height > 0;
    if (sized) {
      canvas.width = Math.floor(size.width * size.dpr);
      canvas.height = Math.floor(size.height * size.dpr);
    }
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: false, alpha: true, powerPreference: 'high-performance' });
    if (sized) this.setSize(size.width, size.height, size.dpr);
    // Draw order is the scene's order; sorting would compute bounding spheres of fresh line sets.
    this.renderer.sortObjects = false;
    this.renderer.setScissorTest(true);
    this.renderer.setClearColor(0x000000, 0);
  }

  setSize(width: number, height: number, dpr: number): void {
    if (width === this.width && height === this.height && dpr === this.renderer.getPixelRatio()) return;
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.renderer.setPixelRatio(dpr);
    this.renderer.setSize(this.width, this.height, false);
    for (const slot of this.slots) slot.material.uniforms.uPixelRatio.value = dpr;
    this.requestRender();
  }

  setSlots(slots: SceneSlot[]): void {
    for (const old of this.slots) if (!slots.includes(old)) old.dispose();
    this.slots = slots;
    for (const slot of slots) slot.material.uniforms.uSize.value = this.pointSize;
    this.requestRender();
  }

  getSlots(): readonly SceneSlot[] {
    return this.slots;
  }

  setCameras(cameras: CameraState[]): void {
    this.cameras = cameras;
    this.requestRender();
  }

  viewports(): Viewport[] {
    return viewportLayout(this.slots.length, this.width, this.height);
  }

  /** The view under a canvas-relative point, with the point in that view's coordinates. */
  slotAt(x: number, y: number): { index: number; viewport: Viewport; localX: number; localY: number } | null {
    const vps = this.viewports();
    const index = vps.findIndex((v) => x >= v.x && x < v.x + v.width && y >= v.y && y < v.y + v.height);
    return index < 0 ? null : { index, viewport: vps[index], localX: x - vps[index].x, localY: y - vps[index].y };
  }

  pick(index: number, localX: number, localY: number, radius: number, skip?: (i: number) => boolean): number | null {
    const slot = this.slots[index];
    const vp = this.viewports()[index];
    if (!slot || !vp) return null;
    this.updateCamera(index, vp);
    return pickNearest(slot.positions, slot.viewProjection(), vp.width, vp.height, localX, localY, radius, skip);
  }

  /** The points of view `index` drawn inside `polygon` (that view's CSS pixels). */
  pointsInPolygon(index: number, polygon: Polygon, skip?: (i: number) => boolean): number[] {
    const slot = this.slots[index];
    const vp = this.viewports()[index];
    if (!slot || !vp) return [];
    this.updateCamera(index, vp);
    return pointsInPolygon(slot.positions, slot.viewProjection(), vp.width, vp.height, polygon, skip);
  }

  /** Point diameter in CSS pixels (before the selected / hovered enlargement), every view. */
  setPointSize(size: number): void {
    this.pointSize = size;
    for (const slot of this.slots) slot.material.uniforms.uSize.value = size;
    this.requestRender();
  }

  requestRender(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.render();
    });
  }

  /** While the user drags or zooms, frames may draw a subset of the points (see LevelOfDetail). */
  setInteracting(on: boolean): void {
    if (on === this.interacting) return;
    this.interacting = on;
    if (!on) {
      this.lod.end();
      this.requestRender();
    }
  }

  /** Draws every view now (e.g. right before the canvas is read for a PNG export). */
  renderNow(): void {
    if (this.pending) cancelAnimationFrame(this.pending);
    this.pending = 0;
    this.render(Infinity);
  }

  /** Points view `index`'s camera as the next frame will (for projecting overlays). */
  updateCameraOf(index: number): void {
    const vp = this.viewports()[index];
    if (vp && this.slots[index]) this.updateCamera(index, vp);
  }

  private updateCamera(index: number, vp: Viewport) {
    const camera = this.cameras[index] ?? this.cameras[0];
    if (camera) this.slots[index].setCamera(camera, vp.width / Math.max(1, vp.height));
  }

  /** `uploadBudgetMs`: after this long, views not yet on the GPU wait for the next frame. */
  private render(uploadBudgetMs = 16): void {
    const start = performance.now();
    let complete = true;
    this.renderer.setScissor(0, 0, this.width, this.height);
    this.renderer.setViewport(0, 0, this.width, this.height);
    this.renderer.clear();
    const factor = this.interacting ? this.lod.frame(start) : 1;
    for (const slot of this.slots) slot.geometry.setDrawRange(0, factor === 1 ? Infinity : Math.ceil(slot.count / factor));
    this.viewports().forEach((vp, i) => {
      const slot = this.slots[i];
      if (!this.uploaded.has(slot)) {
        if (performance.now() - start > uploadBudgetMs) return void (complete = false);
        this.uploaded.add(slot);
      }
      this.updateCamera(i, vp);
      // GL's viewport origin is the bottom-left corner.
      const y = this.height - vp.y - vp.height;
      this.renderer.setViewport(vp.x, y, vp.width, vp.height);
      this.renderer.setScissor(vp.x, y, vp.width, vp.height);
      this.renderer.render(slot.scene, slot.camera);
    });
    this.lastFrameMs = performance.now() - start;
    this.frames++;
    this.onFrame?.(this.lastFrameMs, this.frames, complete);
    if (!complete) this.requestRender();
  }

  dispose(): void {
    if (this.pending) cancelAnimationFrame(this.pending);
    for (const slot of this.slots) slot.dispose();
    this.slots = [];
    this.renderer.dispose();
    this.renderer.forceContextLoss();
  }
}
