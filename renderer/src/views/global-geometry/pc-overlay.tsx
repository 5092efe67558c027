// The interactive layer over the density: axes, labels, brushes, selected and hovered samples.
import { useEffect, useRef, useState } from 'react';
import { useAppState, useServices } from '../../app-context';
import type { CanvasSize } from '../../components/canvas-utils';
import { niceTicks, prepareCanvas, themeColors } from '../../components/canvas-utils';
import { setMetricFilter } from '../../state/actions';
import type { PcLayout } from '../../compute/pc-density';
import { axisY } from '../../compute/pc-density';
import type { PcAxis } from './pc-model';
import { axisAt, brushRange, labelLines, rangeToPixels } from './pc-model';

export function PcOverlay({ axes, layout, size }: { axes: PcAxis[]; layout: PcLayout; size: CanvasSize }) {
  const { store } = useServices();
  const canvas = useRef<HTMLCanvasElement>(null);
  const filters = useAppState((s) => s.metricFilters);
  const selected = useAppState((s) => s.selectedSamples);
  const hovered = useAppState((s) => s.hoveredSample);
  const theme = useAppState((s) => s.theme);
  const [drag, setDrag] = useState<{ axis: number; y0: number; y1: number } | null>(null);

  useEffect(() => {
    const ctx = prepareCanvas(canvas.current, size);
    if (!ctx) return;
    const colors = themeColors();
    axes.forEach((axis, a) => {
      const x = layout.axisX[a];
      ctx.strokeStyle = colors.muted;
      ctx.beginPath();
      ctx.moveTo(x, layout.top);
      ctx.lineTo(x, layout.bottom);
      ctx.stroke();
      // The full title in two lines (unit last), then labelled ticks on the axis's left.
      const [line1, line2] = labelLines(axis);
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.fillStyle = colors.text;
      if (line1) ctx.fillText(line1, x, layout.top - 26);
      ctx.fillText(line2, x, layout.top - 13);
      ctx.font = '9px system-ui, sans-serif';
      ctx.textAlign = 'right';
      ctx.fillStyle = colors.muted;
      for (const v of niceTicks(axis.range[0], axis.range[1], 5)) {
        const y = axisY(v, axis.range, layout.top, layout.bottom);
        ctx.fillRect(x - 3, Math.round(y), 3, 1);
        ctx.fillText(fmt(v), x - 5, y + 3);
      }
      const range = filters[axis.key];
      const span = drag?.axis === a ? [Math.min(drag.y0, drag.y1), Math.max(drag.y0, drag.y1)] : range ? rangeToPixels(layout, axis.range, range.lo, range.hi) : null;
      if (span) {
        ctx.fillStyle = colors.accent;
        ctx.globalAlpha = 0.25;
        ctx.fillRect(x - 7, span[0], 14, span[1] - span[0]);
        ctx.globalAlpha = 1;
        ctx.strokeStyle = colors.accent;
        ctx.strokeRect(x - 7, span[0], 14, span[1] - span[0]);
      }
    });
    const line = (i: number, color: string, width: number) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.beginPath();
      let pen = false;
      axes.forEach((axis, a) => {
        const y = axisY(axis.values[i], axis.range, layout.top, layout.bottom);
        if (Number.isNaN(y)) return void (pen = false);
        if (pen) ctx.lineTo(layout.axisX[a], y);
        else ctx.moveTo(layout.axisX[a], y);
        pen = true;
      });
      ctx.stroke();
      ctx.lineWidth = 1;
    };
    // At most a few hundred highlighted lines: more would hide the density.
    const drawn = selected.slice(0, 300).filter((i) => i < axes[0].values.length);
    for (const i of drawn) line(i, colors.text, 1.2);
    ctx.canvas.dataset.highlighted = String(drawn.length);
    ctx.canvas.dataset.axes = axes.map((axis) => labelLines(axis).join(' ').trim()).join('|');
    if (hovered !== null && hovered < axes[0].values.length) line(hovered, '#e8590c', 2.5);
  }, [axes, layout, size, filters, selected, hovered, theme, drag]);

  const localY = (e: React.PointerEvent) => e.clientY - canvas.current!.getBoundingClientRect().top;
  const localX = (e: React.PointerEvent) => e.clientX - canvas.current!.getBoundingClientRect().left;
  return (
    <canvas
      ref={canvas}
      className="pc-overlay"
      aria-label="Parallel coordinates"
      style={{ width: size.width, height: size.height }}
      onPointerDown={(e) => {
        const axis = axisAt(layout, localX(e));
        if (axis === null) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        setDrag({ axis, y0: localY(e), y1: localY(e) });
      }}
      onPointerMove={(e) => {
        if (drag) setDrag({ ...drag, y1: localY(e) });
        else e.currentTarget.style.cursor = axisAt(layout, localX(e)) === null ? 'default' : 'ns-resize';
      }}
      onPointerUp={() => {
        if (!drag) return;
        const axis = axes[drag.axis];
        setDrag(null);
        if (Math.abs(drag.y1 - drag.y0) < 3) setMetricFilter(store, axis.key, null);
        else setMetricFilter(store, axis.key, brushRange(layout, axis.range, drag.y0, drag.y1));
      }}
    />
  );
}

/** A tick value as short as it is exact: 150, 2.5, 0.25. */
const fmt = (v: number): string => String(Number(v.toPrecision(3)));
