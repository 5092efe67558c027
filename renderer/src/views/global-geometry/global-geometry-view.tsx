// View 5: parallel coordinates of the focus model on the current set — the angle to every class
// direction, then length, logit margin, confidence — as a density (rasterised in the worker),
// with the selected and hovered samples drawn on top. Drag on an axis to brush (a metric filter).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppState, useDerived, useOpenBundle, useServices } from '../../app-context';
import { context2d, hexToRgb255, themeColors, useElementSize } from '../../components/canvas-utils';
import { Term } from '../../components/term';
import { EmptyState, ErrorState, LoadingState } from '../../components/view-state';
import { latestOnly } from '../../workers/compute-client';
import type { ComputeOps } from '../../workers/compute-protocol';
import { useMethodHighlight } from '../../use-method-highlight';
import { PcOverlay } from './pc-overlay';
import { MAX_CLASS_AXES, pcAxes, pcLayout } from './pc-model';

export function GlobalGeometryView() {
  const derived = useDerived((s) => s);
  const { bundle } = useOpenBundle();
  const setId = useAppState((s) => s.setId);
  const highlight = useMethodHighlight();
  if (!derived.focusModel) return <EmptyState>Select a model to see its global geometry.</EmptyState>;
  if (derived.status === 'loading' || derived.status === 'idle') return <LoadingState what={`${derived.focusModel} on ${setId}`} />;
  if (derived.status === 'error' && derived.error) {
    return derived.error.code === 'not-found' || derived.error.code === 'unavailable' ? <EmptyState>{derived.error.message} Run the analysis.</EmptyState> : <ErrorState error={derived.error} what="sample metrics" />;
  }
  return (
    <div className="view global-view">
      <div className="view-toolbar">
        <span>
          <strong className="model-label" data-highlight={highlight(derived.focusModel)}>{derived.focusModel}</strong> on <strong>{setId}</strong>: {derived.indices.length} of {derived.metrics?.count} samples pass the filters (highlighted).
        </span>
        <span className="view-title">
          Axes: <Term term="angleToClass">angle to each class</Term>, <Term term="featureLength" />, <Term term="logitMargin" />, <Term term="confidence" />
        </span>
        <span className="muted">
          Drag along an axis to brush; click an axis to clear its brush.
          {bundle.classes.length > MAX_CLASS_AXES ? ` ${bundle.classes.length} classes: the axes are the angles to the true, predicted and rival classes; filter by a class to add its own axis.` : ''}
        </span>
      </div>
      <ParallelCoordinates />
    </div>
  );
}

function ParallelCoordinates() {
  const { compute } = useServices();
  const { bundle } = useOpenBundle();
  const metrics = useDerived((s) => s.metrics)!;
  const classFilter = useAppState((s) => s.classFilter);
  const mask = useDerived((s) => s.mask);
  const theme = useAppState((s) => s.theme);
  const wrap = useRef<HTMLDivElement>(null);
  const densityCanvas = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(wrap);
  const axes = useMemo(() => pcAxes(metrics, bundle.classes, classFilter), [metrics, bundle.classes, classFilter]);
  const layout = useMemo(() => pcLayout(size.width, size.height, axes.length), [size.width, size.height, axes.length]);
  const [densityMs, setDensityMs] = useState<number | null>(null);
  const runDensity = useMemo(() => latestOnly((input: ComputeOps['density']['input']) => compute.run('density', input)), [compute]);

  useEffect(() => {
    if (size.width === 0 || size.height === 0) return;
    const colors = themeColors();
    const start = performance.now();
    let alive = true;
    runDensity({
      layout,
      axes: axes.map((a) => a.values),
      ranges: axes.map((a) => a.range),
      count: metrics.count,
      mask,
      insideRgb: hexToRgb255(colors.accent),
      outsideRgb: hexToRgb255(colors.muted),
    }).then((out) => {
      const canvas = densityCanvas.current;
      if (!alive || !canvas) return;
      canvas.width = out.width;
      canvas.height = out.height;
      context2d(canvas)?.putImageData(new ImageData(out.rgba, out.width, out.height), 0, 0);
      setDensityMs(performance.now() - start);
    }, () => undefined);
    return () => {
      alive = false;
    };
  }, [runDensity, layout, axes, metrics, mask, theme, size.width, size.height]);

  return (
    <div ref={wrap} className="canvas-wrap pc-wrap" data-density-ms={densityMs === null ? undefined : densityMs.toFixed(1)}>
      <canvas ref={densityCanvas} className="pc-density" style={{ width: size.width, height: size.height }} aria-hidden="true" />
      <PcOverlay axes={axes} layout={layout} size={size} />
    </div>
  );
}
