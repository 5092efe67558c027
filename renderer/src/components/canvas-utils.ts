// Canvas helpers shared by the 2-D plots: size tracking at device resolution, theme colours, ticks.
import { useEffect, useState } from 'react';
import type { RefObject } from 'react';

export interface CanvasSize {
  width: number;
  height: number;
  dpr: number;
}

/** CSS size of an element (ResizeObserver), plus the device pixel ratio. */
export function useElementSize(ref: RefObject<HTMLElement | null>): CanvasSize {
  const [size, setSize] = useState<CanvasSize>({ width: 0, height: 0, dpr: 1 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const rect = el.getBoundingClientRect();
      const next = { width: Math.floor(rect.width), height: Math.floor(rect.height), dpr: window.devicePixelRatio || 1 };
      setSize((s) => (s.width === next.width && s.height === next.height && s.dpr === next.dpr ? s : next));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/**
 * Sizes the canvas backing store to the CSS size × DPR; returns a cleared context scaled to CSS
 * pixels (its `canvas` is the element), or null while the canvas is not mounted or not laid out.
 */
export function prepareCanvas(canvas: HTMLCanvasElement | null, size: CanvasSize): CanvasRenderingContext2D | null {
  if (!canvas || size.width === 0) return null;
  const w = Math.max(1, Math.round(size.width * size.dpr));
  const h = Math.max(1, Math.round(size.height * size.dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = context2d(canvas);
  if (!ctx) return null;
  ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  return ctx;
}

/**
 * A CPU-backed 2-D context: pixel uploads and small plots need no GPU, and creating a
 * GPU-backed one waits on the GPU process, which may be busy drawing the 3-D views.
 */
export function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  return canvas.getContext('2d', { willReadFrequently: true });
}

export interface ThemeColors {
  text: string;
  muted: string;
  border: string;
  panel: string;
  accent: string;
  bg: string;
}

export function themeColors(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { text: v('--text', '#1d1f23'), muted: v('--muted', '#646a73'), border: v('--border', '#dcdfe4'), panel: v('--panel', '#fff'), accent: v('--accent', '#2f6fde'), bg: v('--bg', '#f7f7f8') };
}

/** "Nice" ticks (1, 2, 5 × 10^k) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : +t.toPrecision(12));
  return out;
}

export function hexToRgb255(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (m) return [parseInt(m[1].slice(0, 2), 16), parseInt(m[1].slice(2, 4), 16), parseInt(m[1].slice(4, 6), 16)];
  const rgb = /rgba?\((\d+)[ ,]+(\d+)[ ,]+(\d+)/.exec(color);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : [128, 128, 128];
}
