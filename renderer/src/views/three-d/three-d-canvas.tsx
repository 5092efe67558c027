// The canvas behind the 3-D grid: builds one SceneSlot per shown model from the worker's
// buffers, keeps point states, cameras and the geometric-axes labels in sync with the shared
// store without going through React, and draws the lasso and the tooltip over it (pointer input:
// use-pointer-controls.ts).
import { useEffect, useRef, useState } from 'react';
import * as THREE from 'three';
import { useAppState, useServices } from '../../app-context';
import { themeColors, useElementSize } from '../../components/canvas-utils';
import type { TipAnchor } from '../../components/sample-tip';
import { SampleTip } from '../../components/sample-tip';
import { registerRedraw } from '../../export/canvas-redraw';
import { cameraFor } from '../../state/actions';
import { axisLabelPositions, geometryAxisNames, labelCorner } from './axis-labels';
import type { Polygon } from './lasso';
import { displacementSegments } from './overlays';
import { MultiViewRenderer } from './multi-view-renderer';
import { fillStates, stateOf } from '../../compute/point-buffers';
import { SceneSlot } from './scene-slot';
import { usePointerControls } from './use-pointer-controls';
import type { PointData } from './use-point-data';

export interface ThreeDCanvasProps {
  data: PointData;
  shown: number[];
  denseIndex: number;
  trajectories: Float32Array[] | null;
  pointSize: number;
  lassoMode: boolean;
  /** Label the geometric axes (x angle, y length, z margin) in every view. */
  axisLabels: boolean;
}

export function ThreeDCanvas({ data, shown, denseIndex, trajectories, pointSize, lassoMode, axisLabels }: ThreeDCanvasProps) {
  const { store, derived } = useServices();
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const renderer = useRef<MultiViewRenderer | null>(null);
  const size = useElementSize(wrap);
  const theme = useAppState((s) => s.theme);
  const selected = useAppState((s) => s.selectedSamples);
  const axes = useRef<HTMLDivElement>(null);
  const [lasso, setLasso] = useState<Polygon | null>(null);
  const [tip, setTip] = useState<TipAnchor | null>(null);

  useEffect(() => {
    // The size as laid out now, so the context is created at its final size.
    const rect = wrap.current!.getBoundingClientRect();
    const r = new MultiViewRenderer(canvas.current!, { width: Math.floor(rect.width), height: Math.floor(rect.height), dpr: window.devicePixelRatio || 1 });
    renderer.current = r;
    // Frame timings and viewports on the element, for the e2e checks.
    r.onFrame = (ms, frames, complete) => {
      placeAxisLabels(r, axes.current);
      if (!wrap.current) return;
      wrap.current.dataset.frameMs = ms.toFixed(1);
      wrap.current.dataset.frames = String(frames);
      wrap.current.dataset.complete = String(complete);
      // Where each view was drawn: tests check that the HTML labels sit on these.
      wrap.current.dataset.viewports = r.viewports().map((v) => `${v.x} ${v.y} ${v.width} ${v.height}`).join(',');
    };
    const unregister = registerRedraw(canvas.current!, () => r.renderNow());
    return () => {
      unregister();
      r.dispose();
      renderer.current = null;
    };
  }, []);

  useEffect(() => renderer.current?.setPointSize(pointSize), [pointSize]);

  // Resizing the drawing buffer waits for the GPU (it is reallocated): apply the first size at
  // once, later ones when the layout has settled, not on every intermediate size.
  const sized = useRef(false);
  useEffect(() => {
    if (size.width === 0 || size.height === 0) return;
    const apply = () => renderer.current?.setSize(size.width, size.height, size.dpr);
    if (!sized.current) {
      sized.current = true;
      return apply();
    }
    const timer = setTimeout(apply, 150);
    return () => clearTimeout(timer);
  }, [size]);

  // Slots: rebuilt only when the buffers change.
  useEffect(() => {
    const r = renderer.current!;
    const outline = new THREE.Color(themeColors().text);
    r.setSlots(shown.map((k) => new SceneSlot(data.models[k], data.positions[k], data.colors[k], outline)));
  }, [data, shown]);

  // Theme: frame and line colours, the outline of selected points.
  useEffect(() => {
    const r = renderer.current!;
    const colors = themeColors();
    for (const slot of r.getSlots()) {
      slot.setTheme(new THREE.Color(colors.muted), new THREE.Color(colors.text), size.dpr);
      (slot.material.uniforms.uOutline.value as THREE.Color).set(colors.text);
    }
    r.requestRender();
  }, [theme, data, shown, size.dpr]);

  // Point states and cameras follow the store directly: a hover must not re-render React.
  useEffect(() => {
    const r = renderer.current!;
    let lastHover: number | null = null;
    let lastSelected: readonly number[] | null = null;
    let lastMask: Uint8Array | null | undefined;
    const sync = () => {
      const s = store.get();
      const mask = derived.get().focusModel && derived.get().setId === data.setId ? derived.get().mask : null;
      const slots = r.getSlots();
      if (s.selectedSamples !== lastSelected || mask !== lastMask) {
        for (const slot of slots) {
          fillStates(slot.states, mask, s.selectedSamples, s.hoveredSample);
          slot.statesChanged();
        }
      } else if (s.hoveredSample !== lastHover) {
        const chosen = new Set(s.selectedSamples);
        const touched = [lastHover, s.hoveredSample].filter((i): i is number => i !== null);
        for (const slot of slots) {
          const valid = touched.filter((i) => i < slot.count);
          for (const i of valid) slot.states[i] = stateOf(i, mask, chosen, s.hoveredSample);
          slot.statesChanged(valid);
        }
      }
      // What is highlighted, on the element: lets tests check linking without reading pixels.
      const n = slots[0]?.count ?? 0;
      if (wrap.current) {
        wrap.current.dataset.highlighted = String(s.selectedSamples.filter((i) => i < n).length);
        wrap.current.dataset.hovered = s.hoveredSample === null ? '' : String(s.hoveredSample);
        wrap.current.dataset.camera = JSON.stringify(cameraFor(s, 0));
      }
      lastSelected = s.selectedSamples;
      lastMask = mask;
      lastHover = s.hoveredSample;
      r.setCameras(slots.map((_, i) => cameraFor(s, i)));
      r.requestRender();
    };
    sync();
    const unsubs = [store.subscribe(sync), derived.subscribe(sync)];
    return () => unsubs.forEach((u) => u());
  }, [store, derived, data, shown]);

  // Displacement (dense → this model) of the selected samples, and the focused sample's trajectory.
  useEffect(() => {
    const r = renderer.current!;
    r.getSlots().forEach((slot, i) => {
      const k = shown[i];
      slot.setDisplacement(denseIndex >= 0 && k !== denseIndex ? displacementSegments(data.positions[denseIndex], data.positions[k], selected) : new Float32Array(0));
      slot.setTrajectory(trajectories?.[k] ?? new Float32Array(0));
    });
    r.requestRender();
  }, [data, shown, denseIndex, selected, trajectories]);

  // Axis labels are placed after each frame (cameras and sizes change frames); new labels need one.
  useEffect(() => renderer.current?.requestRender(), [shown, axisLabels]);

  usePointerControls(canvas, renderer, lassoMode, { onLasso: setLasso, onTip: setTip });
  return (
    <div ref={wrap} className={lassoMode ? 'three-canvas-wrap lasso-mode' : 'three-canvas-wrap'}>
      <canvas ref={canvas} className="three-canvas" aria-label="3-D views" style={{ width: size.width, height: size.height }} />
      {axisLabels && (
        <div ref={axes} className="three-axes" aria-label="Axes">
          {shown.map((k) => geometryAxisNames.map((name, a) => <span key={`${k}-${a}`} className="three-axis-label" data-axis={'xyz'[a]}>{name}</span>))}
        </div>
      )}
      {lasso && (
        <svg className="three-lasso" width={size.width} height={size.height} aria-hidden="true">
          <polygon points={lasso.map((p) => `${p.x},${p.y}`).join(' ')} />
        </svg>
      )}
      <SampleTip anchor={tip} width={size.width} height={size.height} />
    </div>
  );
}

/** Moves the axis-label spans (3 per view, in view order) to their projected anchors; hides those off screen. */
function placeAxisLabels(r: MultiViewRenderer, container: HTMLDivElement | null) {
  if (!container) return;
  const spans = container.children;
  const vps = r.viewports();
  r.getSlots().forEach((slot, i) => {
    if (!vps[i]) return;
    r.updateCameraOf(i);
    axisLabelPositions(slot.viewProjection(), vps[i]).forEach((p, a) => {
      const span = spans[i * 3 + a] as HTMLElement | undefined;
      if (!span) return;
      span.style.display = p ? '' : 'none';
      if (!p) return;
      // The label's size is measured once (its text is fixed): no layout read on every frame.
      if (!span.dataset.size && span.offsetWidth > 0) span.dataset.size = `${span.offsetWidth},${span.offsetHeight}`;
      const [w, h] = (span.dataset.size ?? '0,0').split(',').map(Number);
      const corner = labelCorner(p, w, h, vps[i]);
      span.style.transform = `translate(${Math.round(corner.x)}px, ${Math.round(corner.y)}px)`;
    });
  });
}

