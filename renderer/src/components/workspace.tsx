// The open bundle's workspace: header, shared filter bar, view tabs (a digit key each), an
// optional second view docked beside the main one (Shift+digit; linked views side by side), details
// panel. The views come from views/view-registry.ts; their components, loaded lazily, from view-loaders.ts.
// Each pane has its own error boundary, keyed by the view: a view that throws shows its error and a
// Retry in its pane only, and switching tabs away and back gives it a fresh try.
import { Suspense, useRef } from 'react';
import { useAppState, useOpenBundle, useServices } from '../app-context';
import { ExportPngButton } from '../export/export-png-button';
import { MAIN_PANE_ID, panePngName, panePngOptions } from '../export/pane-png';
import { dockView, setActiveView } from '../state/actions';
import type { ViewId } from '../views/view-registry';
import { viewRegistry, viewTitles } from '../views/view-registry';
import { BundleHeader } from './bundle-header';
import { DetailsPanel } from './details-panel';
import { ViewErrorBoundary } from './error-boundary';
import { FilterBar } from './filter-bar';
import { viewLoaders } from './view-loaders';
import { ViewTabs } from './view-tabs';
import { LoadingState } from './view-state';

function ActiveView({ id }: { id: ViewId }) {
  return (
    <ViewErrorBoundary key={id} title={viewTitles[id]} onRetry={() => viewLoaders.retry(id)}>
      <Suspense fallback={<LoadingState what={`the ${viewTitles[id]} view`} />}>
        <LazyView id={id} />
      </Suspense>
    </ViewErrorBoundary>
  );
}

/** Reads the wrapper when mounted, so a Retry after a failed load mounts the fresh one. */
function LazyView({ id }: { id: ViewId }) {
  const View = viewLoaders.component(id);
  return <View />;
}

/** The pane's "PNG" button: the whole pane (canvases, SVGs, tables, labels) at 2×. */
function PanePngButton({ pane, id }: { pane: React.RefObject<HTMLElement | null>; id: ViewId }) {
  const setId = useAppState((s) => s.setId);
  return <ExportPngButton target={pane} fileName={panePngName(id, setId)} options={panePngOptions} />;
}

function DockedView({ id }: { id: ViewId }) {
  const { store } = useServices();
  const pane = useRef<HTMLElement>(null);
  return (
    <section ref={pane} className="view-area docked" aria-label={`${viewTitles[id]} (docked)`} data-view={id} data-docked="">
      <header className="dock-header">
        <span>{viewTitles[id]}</span>
        <PanePngButton pane={pane} id={id} />
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
  const mainPane = useRef<HTMLDivElement>(null);
  return (
    <section aria-label="Bundle" className="workspace">
      <BundleHeader bundle={bundle} />
      <FilterBar />
      <div className="workspace-body">
        <div className="views">
          <ViewTabs views={viewRegistry} active={active} docked={docked} onSelect={(id) => setActiveView(store, id)} onDock={(id) => dockView(store, id)} />
          <div className={docked ? 'view-panes split' : 'view-panes'}>
            <div ref={mainPane} className="view-area" id={MAIN_PANE_ID} role="tabpanel" aria-labelledby={`tab-${active}`} data-view={active}>
              <div className="pane-png"><PanePngButton pane={mainPane} id={active} /></div>
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
