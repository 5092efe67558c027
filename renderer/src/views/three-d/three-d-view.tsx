// View 6: one 3-D view per shown model (up to nine), same samples, synchronized cameras,
// linked selection, colour by category / class / metric, dense → pruned displacement of the
// selected samples and the focused sample's path through the corruption's severities.
import { useMemo, useRef, useState } from 'react';
import { useAppState, useOpenBundle, useServices } from '../../app-context';
import { useElementSize } from '../../components/canvas-utils';
import { Term } from '../../components/term';
import { EmptyState, LoadingState, ResourceView } from '../../components/view-state';
import type { ColorBy } from '../../state/app-state';
import { categoryCss, categoryNames } from '../../state/categories';
import { classColor, css } from '../../state/color-scales';
import { scalarMetrics } from '../../state/metrics';
import { countNonFinitePoints } from '../../compute/point-buffers';
import { DEFAULT_POINT_SIZE } from './point-material';
import { ThreeDCanvas } from './three-d-canvas';
import { ThreeDControls } from './three-d-controls';
import { viewportLayout } from './viewport-layout';
import type { PointData } from './use-point-data';
import { usePointData } from './use-point-data';
import { useTrajectories } from './use-trajectory';
import { useMethodHighlight } from '../../use-method-highlight';

export function ThreeDView() {
  const { store } = useServices();
  const { bundle } = useOpenBundle();
  const shownModels = useAppState((s) => s.selectedModels);
  const setId = useAppState((s) => s.setId);
  const layout = useAppState((s) => s.layout3d);
  const colorBy = useAppState((s) => s.colorBy);
  const sync = useAppState((s) => s.syncCameras);
  const showTrajectories = useAppState((s) => s.showTrajectories);
  const [pointSize, setPointSize] = useState(DEFAULT_POINT_SIZE);
  const [lassoMode, setLassoMode] = useState(false);
  const dense = bundle.models.find((m) => m.role === 'dense')?.id ?? null;
  // The dense model is always loaded (displacement lines start from it), shown or not.
  const models = useMemo(() => (dense && !shownModels.includes(dense) ? [...shownModels, dense] : shownModels), [shownModels, dense]);
  const shown = useMemo(() => shownModels.map((_, i) => i), [shownModels]);
  const resource = usePointData(models, setId, layout, colorBy);
  // Keep the last buffers on screen while new ones load (no flashing, no new GL context).
  const last = useRef<PointData | null>(null);
  if (resource.status === 'ready') last.current = resource.data;
  const data = last.current && last.current.models.join() === models.join() ? last.current : resource.status === 'ready' ? resource.data : null;

  return (
    <div className="view three-view">
      <div className="view-toolbar">
        <div className="segmented" role="radiogroup" aria-label="Coordinates">
          <button type="button" role="radio" aria-checked={layout === 'projection'} className={layout === 'projection' ? 'on' : ''} onClick={() => store.set({ layout3d: 'projection' })}>UMAP 3-D</button>
          <button type="button" role="radio" aria-checked={layout === 'geometry'} className={layout === 'geometry' ? 'on' : ''} onClick={() => store.set({ layout3d: 'geometry' })} title="x: angle to true class, y: length, z: logit margin">geometric axes</button>
        </div>
        {layout === 'projection' && <span className="muted">Each map’s label: its <Term term="procrustesResidual" /></span>}
        <label>
          Colour
          <select name="color-by" value={colorBy} onChange={(e) => store.set({ colorBy: e.target.value as ColorBy })}>
            <option value="category">category</option>
            <option value="class">class</option>
            {scalarMetrics.map((m) => <option key={m.key} value={`metric:${m.key}`}>{m.label}</option>)}
          </select>
        </label>
        <label className="check"><input type="checkbox" name="sync-cameras" checked={sync} onChange={(e) => store.set((s) => ({ syncCameras: e.target.checked, cameras: e.target.checked ? [s.cameras[0]] : s.cameras }))} />sync cameras</label>
        <label className="check"><input type="checkbox" name="trajectories" checked={showTrajectories} onChange={(e) => store.set({ showTrajectories: e.target.checked })} />severity path</label>
        <ThreeDControls pointSize={pointSize} onPointSize={setPointSize} lassoMode={lassoMode} onLassoMode={setLassoMode} />
        <ColorLegend colorBy={colorBy} classes={bundle.classes} range={data?.metricRange ?? null} />
      </div>
      {shownModels.length === 0 ? (
        <EmptyState>Pick models to show (the chips above).</EmptyState>
      ) : data ? (
        <Grid data={data} shown={shown} denseIndex={dense ? models.indexOf(dense) : -1} loading={resource.status === 'loading'} pointSize={pointSize} lassoMode={lassoMode} />
      ) : (
        <ResourceView
          resource={resource}
          what={`${models.length} point clouds for ${setId}`}
          empty={
            layout === 'projection' ? (
              <>
                No 3-D projection for these models on {setId} yet.{' '}
                <button type="button" className="secondary" onClick={() => store.set({ layout3d: 'geometry' })}>Use geometric axes</button>
              </>
            ) : (
              'These sample metrics are not computed yet: run the analysis.'
            )
          }
        >
          {() => <LoadingState what="point buffers" />}
        </ResourceView>
      )}
    </div>
  );
}

function Grid({ data, shown, denseIndex, loading, pointSize, lassoMode }: { data: PointData; shown: number[]; denseIndex: number; loading: boolean; pointSize: number; lassoMode: boolean }) {
  const { bundle } = useOpenBundle();
  const layout = useAppState((s) => s.layout3d);
  const focus = useAppState((s) => s.focusSample);
  const showTrajectories = useAppState((s) => s.showTrajectories);
  const trajectories = useTrajectories(data.models, data.setId, layout, focus, data.bounds, showTrajectories);
  const wrap = useRef<HTMLDivElement>(null);
  const highlight = useMethodHighlight();
  // The labels' cells are the canvas's viewports (the same layout of the same area).
  const size = useElementSize(wrap);
  const cells = viewportLayout(shown.length, size.width, size.height);
  // Points with no finite position (tests check a UMAP layout has none; zero feature vectors have no angle).
  const nonFinite = useMemo(() => countNonFinitePoints(data.positions), [data.positions]);
  return (
    <div ref={wrap} className="three-grid-wrap" data-set={data.setId} data-build-ms={data.buildMs.toFixed(1)} data-nonfinite={nonFinite} aria-busy={loading}>
      <ThreeDCanvas data={data} shown={shown} denseIndex={denseIndex} trajectories={trajectories} pointSize={pointSize} lassoMode={lassoMode} axisLabels={layout === 'geometry'} />
      <div className="three-labels">
        {shown.map((k, i) => {
          const model = bundle.models.find((m) => m.id === data.models[k]);
          const cell = cells[i];
          return (
            <div key={data.models[k]} className="three-cell" style={{ left: cell.x, top: cell.y, width: cell.width, height: cell.height }} data-slot-model={data.models[k]} data-highlight={highlight(data.models[k])} data-slot-set={data.setId} data-points={data.positions[k].length / 3}>
              <span className="three-cell-label">
                <strong>{data.models[k]}</strong> {model?.method} · {data.setId}
                {data.residuals[k] !== null && data.residuals[k]! > 0 ? ` · Procrustes ${data.residuals[k]!.toFixed(3)}` : ''}
              </span>
            </div>
          );
        })}
      </div>
      {loading && <div className="three-loading" role="status">updating…</div>}
    </div>
  );
}

function ColorLegend({ colorBy, classes, range }: { colorBy: ColorBy; classes: string[]; range: [number, number] | null }) {
  if (colorBy === 'category')
    return (
      <ul className="legend inline">
        {categoryNames.map((n, c) => <li key={n}><span className="swatch" style={{ background: categoryCss[c] }} />{n}</li>)}
      </ul>
    );
  if (colorBy === 'class')
    return (
      <ul className="legend inline">
        {classes.slice(0, 20).map((n, c) => <li key={n}><span className="swatch" style={{ background: css(classColor(c)) }} />{n}</li>)}
      </ul>
    );
  return (
    <span className="legend inline">
      {range ? range[0].toFixed(2) : ''} <span className="colorbar" /> {range ? range[1].toFixed(2) : ''}
    </span>
  );
}
