// The canvas behind the 3-D grid: builds one SceneSlot per shown model from the worker's
// buffers, keeps point states and cameras in sync with the shared store without going through
// React, and turns pointer input into orbit / zoom / hover / pick.
import { useEffect, useRef } from 'react';
import * as THREE from 'three';
import { useAppState, useServices } from '../../app-context';
import { themeColors, useElementSize } from '../../components/canvas-utils';
import { cameraFor, focusSample, hoverSample, selectSamples, setCamera } from '../../state/actions';
import { displacementSegments } from './overlays';
import { MultiViewRenderer } from './multi-view-renderer';
import { rotate, zoom } from './orbit';
import { fillStates, stateOf } from '../../compute/point-buffers';
import { SceneSlot } from './scene-slot';
import type { PointData } from './use-point-data';

export function ThreeDCanvas({ data, shown, denseIndex, trajectories }: { data: PointData; shown: number[]; denseIndex: number; trajectories: Float32Array[] | null }) {
  const { store, derived } = useServices();
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const renderer = useRef<MultiViewRenderer | null>(null);
  const size = useElementSize(wrap);
  const theme = useAppState((s) => s.theme);
  const selected = useAppState((s) => s.selectedSamples);

  useEffect(() => {
    // The size as laid out now, so the context is created at its final size.
    const rect = wrap.current!.getBoundingClientRect();
    const r = new MultiViewRenderer(canvas.current!, { width: Math.floor(rect.width), height: Math.floor(rect.height), dpr: window.devicePixelRatio || 1 });
    renderer.current = r;
    // Frame timings on the element, for the e2e performance report.
    r.onFrame = (ms, frames, complete) => {
      if (!wrap.current) return;
      wrap.current.dataset.frameMs = ms.toFixed(1);
      wrap.current.dataset.frames = String(frames);
      wrap.current.dataset.complete = String(complete);
    };
    return () => {
      r.dispose();
      renderer.current = null;
    };
  }, []);

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

  usePointerControls(canvas, renderer);
  return (
    <div ref={wrap} className="three-canvas-wrap">
      <canvas ref={canvas} className="three-canvas" aria-label="3-D views" style={{ width: size.width, height: size.height }} />
    </div>
  );
}

/** Drag: orbit (all views while synced); wheel: zoom; hover: pick; click: focus (shift: add). */
function usePointerControls(canvas: React.RefObject<HTMLCanvasElement | null>, renderer: React.RefObject<MultiViewRenderer | null>) {
  const { store, derived } = useServices();
  useEffect(() => {
    const el = canvas.current!;
    let drag: { slot: number; x: number; y: number; moved: number } | null = null;
    let hoverFrame = 0;
    let wheelEnd: ReturnType<typeof setTimeout> | undefined;
    const local = (e: PointerEvent | WheelEvent) => {
      const rect = el.getBoundingClientRect();
      return { x: e.clientX - rect.left, y: e.clientY - rect.top };
    };
    const pickAt = (e: PointerEvent) => {
      const r = renderer.current;
      const p = local(e);
      const hit = r?.slotAt(p.x, p.y);
      if (!r || !hit) return null;
      const mask = derived.get().mask;
      return r.pick(hit.index, hit.localX, hit.localY, 8, mask ? (i) => mask.length > i && !mask[i] : undefined);
    };
    const down = (e: PointerEvent) => {
      const hit = renderer.current?.slotAt(local(e).x, local(e).y);
      if (!hit) return;
      try {
        el.setPointerCapture(e.pointerId);
      } catch {
        // Not an active pointer (a synthetic event): dragging still works inside the canvas.
      }
      drag = { slot: hit.index, x: e.clientX, y: e.clientY, moved: 0 };
    };
    const move = (e: PointerEvent) => {
      if (drag && e.buttons) {
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        drag = { ...drag, x: e.clientX, y: e.clientY, moved: drag.moved + Math.abs(dx) + Math.abs(dy) };
        renderer.current?.setInteracting(true);
        setCamera(store, drag.slot, rotate(cameraFor(store.get(), drag.slot), dx, dy));
        return;
      }
      if (hoverFrame) return;
      hoverFrame = requestAnimationFrame(() => {
        hoverFrame = 0;
        const index = pickAt(e);
        if (index !== store.get().hoveredSample) hoverSample(store, index);
      });
    };
    const up = (e: PointerEvent) => {
      renderer.current?.setInteracting(false);
      const wasClick = drag && drag.moved < 4;
      drag = null;
      if (!wasClick) return;
      const index = pickAt(e);
      if (index === null) return void (!e.shiftKey && selectSamples(store, []));
      if (e.shiftKey) selectSamples(store, [index], true);
      else focusSample(store, index);
    };
    const wheel = (e: WheelEvent) => {
      const hit = renderer.current?.slotAt(local(e).x, local(e).y);
      if (!hit) return;
      e.preventDefault();
      renderer.current?.setInteracting(true);
      clearTimeout(wheelEnd);
      wheelEnd = setTimeout(() => renderer.current?.setInteracting(false), 200);
      setCamera(store, hit.index, zoom(cameraFor(store.get(), hit.index), e.deltaY));
    };
    const leave = () => hoverSample(store, null);
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointerleave', leave);
    el.addEventListener('wheel', wheel, { passive: false });
    return () => {
      cancelAnimationFrame(hoverFrame);
      clearTimeout(wheelEnd);
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointerleave', leave);
      el.removeEventListener('wheel', wheel);
    };
  }, [canvas, renderer, store, derived]);
}
