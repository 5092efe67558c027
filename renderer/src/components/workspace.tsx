// The open bundle's workspace: header, shared filter bar, view tabs (keys 1–8), an optional
// second view docked beside the main one (Shift+1–8; linked views side by side), details panel.
import { lazy, Suspense } from 'react';
import { useAppState, useOpenBundle, useServices } from '../app-context';
import { dockView, setActiveView } from '../state/actions';
import type { ViewId } from '../state/app-state';
import { viewIds, viewTitles } from '../state/app-state';
import { EvaluationView } from '../views/evaluation-table/evaluation-view';
import { GlobalGeometryView } from '../views/global-geometry/global-geometry-view';
import { LocalGeometryView } from '../views/local-geometry/local-geometry-view';
import { RedundancyView } from '../views/redundancy/redundancy-view';
import { SampleView } from '../views/sample/sample-view';
import { SimilarityView } from '../views/similarity/similarity-view';
import { SweepView } from '../views/sweeps/sweep-view';
import { BundleHeader } from './bundle-header';
import { DetailsPanel } from './details-panel';
import { FilterBar } from './filter-bar';
import { LoadingState } from './view-state';

// three.js is the biggest dependency: load it with the 3-D view.
const ThreeDView = lazy(() => import('../views/three-d/three-d-view').then((m) => ({ default: m.ThreeDView })));

function ActiveView({ id }: { id: ViewId }) {
  switch (id) {
    case 'evaluation':
      return <EvaluationView />;
    case 'similarity':
      return <SimilarityView />;
    case 'redundancy':
      return <RedundancyView />;
    case 'local':
      return <LocalGeometryView />;
    case 'global':
      return <GlobalGeometryView />;
    case 'three-d':
      return (
        <Suspense fallback={<LoadingState what="the 3-D view" />}>
          <ThreeDView />
        </Suspense>
      );
    case 'sample':
      return <SampleView />;
    case 'sweeps':
      return <SweepView />;
  }
}

function DockedView({ id }: { id: ViewId }) {
  const { store } = useServices();
  return (
    <section className="view-area docked" aria-label={`${viewTitles[id]} (docked)`} data-view={id} data-docked="">
      <header className="dock-header">
        <span>{viewTitles[id]}</span>
        <button type="button" className="link" onClick={() => setActiveView(store, id)} title="Swap with the main view">⇄ swap</button>
        <button type="button" className="link" onClick={() => dockView(store, null)} title="Close the docked view (0)" aria-label="Close the docked view">×</button>
      </header>
      <ActiveView id={id} />
    </section>
  );
}

export function Workspace() {
  const { bundle } = useOpenBundle();
  const { store } = useServices();
  const active = useAppState((s) => s.activeView);
  const docked = useAppState((s) => s.dockedView);
  return (
    <section aria-label="Bundle" className="workspace">
      <BundleHeader bundle={bundle} />
      <FilterBar />
      <div className="workspace-body">
        <div className="views">
          <div className="view-tabs" role="tablist" aria-label="Views">
            {viewIds.map((id, i) => (
              <button key={id} type="button" role="tab" id={`tab-${id}`} aria-selected={id === active} aria-controls="view-panel" className={id === active ? 'tab on' : 'tab'} onClick={() => setActiveView(store, id)}>
                <kbd>{i + 1}</kbd> {viewTitles[id]}
              </button>
            ))}
            <label className="dock-picker" title="Show a second view beside this one (Shift+1–8; 0 closes it)">
              Beside
              <select name="docked-view" value={docked ?? ''} onChange={(e) => dockView(store, (e.target.value || null) as ViewId | null)}>
                <option value="">—</option>
                {viewIds.filter((id) => id !== active).map((id) => <option key={id} value={id}>{viewTitles[id]}</option>)}
              </select>
            </label>
          </div>
          <div className={docked ? 'view-panes split' : 'view-panes'}>
            <div className="view-area" id="view-panel" role="tabpanel" aria-labelledby={`tab-${active}`} data-view={active}>
              <ActiveView id={active} />
            </div>
            {docked && <DockedView id={docked} />}
          </div>
        </div>
        <DetailsPanel />
      </div>
    </section>
  );
}
