// Pointer input on the 3-D canvas. Drag: orbit (all views while synced); wheel: zoom; hover: pick
// (and the tooltip at the cursor); click: focus (shift: add). Lasso (the toolbar's lasso mode, or
// Alt + drag): the dragged polygon selects the points inside it in that view (shift: add),
// never a point the active filter hides.
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { useServices } from '../../app-context';
import type { TipAnchor } from '../../components/sample-tip';
import { cameraFor, focusSample, hoverSample, selectSamples, setCamera } from '../../state/actions';
import type { Polygon } from './lasso';
import { extendLasso } from './lasso';
import type { MultiViewRenderer } from './multi-view-renderer';
import { rotate, zoom } from './orbit';

export interface PointerCallbacks {
  /** The lasso as drawn so far (canvas CSS pixels), or null when none is being drawn. */
  onLasso: (polygon: Polygon | null) => void;
  onTip: (tip: TipAnchor | null) => void;
}

export function usePointerControls(canvas: RefObject<HTMLCanvasElement | null>, renderer: RefObject<MultiViewRenderer | null>, lassoMode: boolean, callbacks: PointerCallbacks) {
  const { store, derived } = useServices();
  // Read by the listeners at event time: they are attached once.
  const live = useRef({ lassoMode, callbacks });
  live.current = { lassoMode, callbacks };
  useEffect(() => {
    const el = canvas.current!;
    let drag: { slot: number; x: number; y: number; moved: number } | null = null;
    let lasso: { slot: number; polygon: Polygon } | null = null;
    let hoverFrame = 0;
    let lastTip: number | null = null;
    let wheelEnd: ReturnType<typeof setTimeout> | undefined;
    const local = (e: PointerEvent | WheelEvent) => {
      const rect = el.getBoundingClientRect();
      return { x: e.clientX - rect.left, y: e.clientY - rect.top };
    };
    const hidden = () => {
      const mask = derived.get().mask;
      return mask ? (i: number) => mask.length > i && !mask[i] : undefined;
    };
    const pickAt = (p: { x: number; y: number }) => {
      const r = renderer.current;
      const hit = r?.slotAt(p.x, p.y);
      if (!r || !hit) return null;
      return r.pick(hit.index, hit.localX, hit.localY, 8, hidden());
    };
    const tip = (index: number | null, p: { x: number; y: number }) => {
      if (index === lastTip) return;
      lastTip = index;
      live.current.callbacks.onTip(index === null ? null : { index, x: p.x, y: p.y });
    };
    const down = (e: PointerEvent) => {
      const p = local(e);
      const hit = renderer.current?.slotAt(p.x, p.y);
      if (!hit) return;
      try {
        el.setPointerCapture(e.pointerId);
      } catch {
        // Not an active pointer (a synthetic event): dragging still works inside the canvas.
      }
      tip(null, p);
      if (live.current.lassoMode || e.altKey) {
        lasso = { slot: hit.index, polygon: [p] };
        live.current.callbacks.onLasso(lasso.polygon);
        return;
      }
      drag = { slot: hit.index, x: e.clientX, y: e.clientY, moved: 0 };
    };
    const move = (e: PointerEvent) => {
      if (lasso && e.buttons) {
        const p = local(e);
        const next = extendLasso(lasso.polygon, p.x, p.y);
        if (next !== lasso.polygon) live.current.callbacks.onLasso((lasso = { ...lasso, polygon: next }).polygon);
        return;
      }
      if (drag && e.buttons) {
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        drag = { ...drag, x: e.clientX, y: e.clientY, moved: drag.moved + Math.abs(dx) + Math.abs(dy) };
        renderer.current?.setInteracting(true);
        setCamera(store, drag.slot, rotate(cameraFor(store.get(), drag.slot), dx, dy));
        return;
      }
      if (hoverFrame) return;
      const p = local(e);
      hoverFrame = requestAnimationFrame(() => {
        hoverFrame = 0;
        const index = pickAt(p);
        if (index !== store.get().hoveredSample) hoverSample(store, index);
        tip(index, p);
      });
    };
    const finishLasso = (e: PointerEvent) => {
      const done = lasso!;
      lasso = null;
      live.current.callbacks.onLasso(null);
      const r = renderer.current;
      const vp = r?.viewports()[done.slot];
      if (!r || !vp || done.polygon.length < 3) return;
      const inView = done.polygon.map((q) => ({ x: q.x - vp.x, y: q.y - vp.y }));
      selectSamples(store, r.pointsInPolygon(done.slot, inView, hidden()), e.shiftKey);
    };
    const up = (e: PointerEvent) => {
      if (lasso) return finishLasso(e);
      renderer.current?.setInteracting(false);
      const wasClick = drag && drag.moved < 4;
      drag = null;
      if (!wasClick) return;
      const index = pickAt(local(e));
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
    const leave = (e: PointerEvent) => {
      hoverSample(store, null);
      tip(null, local(e));
    };
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
