// Canvas scatter of angle to true class (x) vs feature length (y): A as hollow dots, B as
// filled dots coloured by category, an arrow from A to B per sample. Hover, click, box-select.
import { useEffect, useRef, useState } from 'react';
import { useAppState, useServices } from '../../app-context';
import { niceTicks, prepareCanvas, themeColors, useElementSize } from '../../components/canvas-utils';
import type { TipAnchor } from '../../components/sample-tip';
import { SampleTip } from '../../components/sample-tip';
import { focusSample, hoverSample, selectSamples } from '../../state/actions';
import { categoryCss } from '../../state/categories';
import { visibleOnly } from '../../state/visible-selection';
import type { Frame, ScatterData } from './scatter-model';
import { nearestPoint, pointsInBox, toScreen } from './scatter-model';

const MARGIN = { left: 52, right: 16, top: 14, bottom: 40 };

export function ScatterCanvas({ data, categories, mask, labels }: { data: ScatterData; categories: Uint8Array | null; mask: Uint8Array | null; labels: [string, string] }) {
  const { store } = useServices();
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(wrap);
  const selected = useAppState((s) => s.selectedSamples);
  const hovered = useAppState((s) => s.hoveredSample);
  const theme = useAppState((s) => s.theme);
  const [box, setBox] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  // The hovered point's tooltip, at the cursor.
  const [tip, setTip] = useState<TipAnchor | null>(null);
  const frame: Frame = { left: MARGIN.left, top: MARGIN.top, width: Math.max(10, size.width - MARGIN.left - MARGIN.right), height: Math.max(10, size.height - MARGIN.top - MARGIN.bottom) };

  useEffect(() => {
    const ctx = prepareCanvas(canvas.current, size);
    if (!ctx) return;
    const colors = themeColors();
    const s = toScreen(frame, data.xRange, data.yRange);
    drawAxes(ctx, frame, data, colors.muted, colors.border, labels);
    const chosen = new Set(selected);
    const n = data.indices.length;
    const cat = (k: number) => (categories ? categories[data.indices[k]] : 0);
    const passes = (k: number) => !mask || mask[data.indices[k]] === 1;
    for (let pass = 0; pass < 2; pass++) {
      // Faded (filtered-out) samples first, then the ones that pass on top.
      for (let k = 0; k < n; k++) {
        if (passes(k) !== (pass === 1)) continue;
        ctx.globalAlpha = pass === 1 ? 0.4 : 0.08;
        ctx.strokeStyle = categoryCss[cat(k)];
        arrow(ctx, s.x(data.ax[k]), s.y(data.ay[k]), s.x(data.bx[k]), s.y(data.by[k]));
        ctx.globalAlpha = pass === 1 ? 0.5 : 0.1;
        ctx.strokeStyle = colors.muted;
        ctx.beginPath();
        ctx.arc(s.x(data.ax[k]), s.y(data.ay[k]), 2, 0, 2 * Math.PI);
        ctx.stroke();
        ctx.globalAlpha = pass === 1 ? 0.9 : 0.15;
        ctx.fillStyle = categoryCss[cat(k)];
        ctx.fillRect(s.x(data.bx[k]) - 2, s.y(data.by[k]) - 2, 4, 4);
      }
    }
    ctx.globalAlpha = 1;
    let highlighted = 0;
    for (let k = 0; k < n; k++) {
      const i = data.indices[k];
      if (chosen.has(i)) highlighted++;
      if (!chosen.has(i) && i !== hovered) continue;
      ctx.strokeStyle = i === hovered ? colors.accent : colors.text;
      ctx.lineWidth = 2;
      arrow(ctx, s.x(data.ax[k]), s.y(data.ay[k]), s.x(data.bx[k]), s.y(data.by[k]));
      ctx.beginPath();
      ctx.arc(s.x(data.bx[k]), s.y(data.by[k]), i === hovered ? 7 : 5, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.lineWidth = 1;
    }
    ctx.canvas.dataset.highlighted = String(highlighted);
    if (box) {
      ctx.strokeStyle = colors.accent;
      ctx.setLineDash([4, 3]);
      ctx.strokeRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
      ctx.setLineDash([]);
    }
    // `frame` derives from `size`.
  }, [data, categories, mask, selected, hovered, theme, size, box, labels]);

  const local = (e: React.PointerEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  return (
    <div ref={wrap} className="canvas-wrap">
      <canvas
        ref={canvas}
        className="scatter-canvas"
        aria-label="Angle to true class vs feature length"
        style={{ width: size.width, height: size.height }}
        onPointerDown={(e) => {
          const p = local(e);
          e.currentTarget.setPointerCapture(e.pointerId);
          setBox({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
        }}
        onPointerMove={(e) => {
          const p = local(e);
          if (box && e.buttons) return setBox({ ...box, x1: p.x, y1: p.y });
          const k = nearestPoint(data, frame, p.x, p.y, 8);
          const index = k === null ? null : data.indices[k];
          if (index !== store.get().hoveredSample) hoverSample(store, index);
          if (index !== (tip?.index ?? null)) setTip(index === null ? null : { index, x: p.x, y: p.y });
        }}
        onPointerLeave={() => {
          hoverSample(store, null);
          setTip(null);
        }}
        onPointerUp={(e) => {
          if (!box) return;
          setBox(null);
          const dragged = Math.abs(box.x1 - box.x0) + Math.abs(box.y1 - box.y0) > 6;
          if (dragged) {
            const s = toScreen(frame, data.xRange, data.yRange);
            // Only the samples the filter shows: a brush never selects a hidden one.
            return selectSamples(store, visibleOnly(pointsInBox(data, s.invX(box.x0), s.invX(box.x1), s.invY(box.y0), s.invY(box.y1)), mask), e.shiftKey);
          }
          const k = nearestPoint(data, frame, box.x0, box.y0, 8);
          if (k === null || visibleOnly([data.indices[k]], mask).length === 0) return !e.shiftKey && selectSamples(store, []);
          if (e.shiftKey) selectSamples(store, [data.indices[k]], true);
          else focusSample(store, data.indices[k]);
        }}
      />
      <SampleTip anchor={box ? null : tip} width={size.width} height={size.height} />
    </div>
  );
}

function arrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number) {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = Math.hypot(dx, dy);
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  if (len > 8) {
    const ux = dx / len;
    const uy = dy / len;
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - 5 * ux + 3 * uy, y1 - 5 * uy - 3 * ux);
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - 5 * ux - 3 * uy, y1 - 5 * uy + 3 * ux);
  }
  ctx.stroke();
}

function drawAxes(ctx: CanvasRenderingContext2D, frame: Frame, data: ScatterData, muted: string, border: string, labels: [string, string]) {
  const s = toScreen(frame, data.xRange, data.yRange);
  ctx.strokeStyle = border;
  ctx.fillStyle = muted;
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeRect(frame.left, frame.top, frame.width, frame.height);
  ctx.textAlign = 'center';
  for (const t of niceTicks(data.xRange[0], data.xRange[1], 8)) {
    ctx.fillText(`${t}°`, s.x(t), frame.top + frame.height + 14);
  }
  ctx.fillText(`angle to true class (°) — ${labels[0]} ○ → ${labels[1]} ■`, frame.left + frame.width / 2, frame.top + frame.height + 32);
  ctx.textAlign = 'right';
  for (const t of niceTicks(data.yRange[0], data.yRange[1], 6)) ctx.fillText(String(t), frame.left - 6, s.y(t) + 4);
  ctx.save();
  ctx.translate(12, frame.top + frame.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText('feature length ‖f‖', 0, 0);
  ctx.restore();
}
