// Export: the comparison report (HTML / PDF), the samples table (CSV / Parquet) for what is
// shown, model B's arrays on the current set (.npy) and a PNG of the current view. Also opened by
// File → Export… (desktop). The panel is kept inside the window (menu-fit.ts) and closes like a
// menu (dismiss-details.ts).
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ExportedFile } from '../../../src-shared/api/result-types';
import type { ErrorPayload } from '../../../src-shared/base/errors';
import { toErrorPayload } from '../../../src-shared/base/errors';
import { useAppState, useOpenBundle, useServices } from '../app-context';
import { saveExportedFile } from '../export/download';
import { exportPanePng, MAIN_PANE_ID } from '../export/pane-png';
import { focusModelOf } from '../state/actions';
import { useDismissDetails } from './dismiss-details';
import { fitMenu } from './menu-fit';

export function ExportMenu() {
  const { api } = useServices();
  const { bundle } = useOpenBundle();
  const models = useAppState((s) => s.selectedModels);
  const setId = useAppState((s) => s.setId);
  const samples = useAppState((s) => s.selectedSamples);
  const focusModel = useAppState(focusModelOf);
  const activeView = useAppState((s) => s.activeView);
  const details = useRef<HTMLDetailsElement>(null);
  useDismissDetails(details, activeView);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const body = useRef<HTMLDivElement>(null);
  // Bumped on every toggle event; the panel's state is read from the element. A counter, not a
  // boolean: the browser coalesces a quick close + reopen into one event, and the panel must still
  // be fitted again (to the new window size).
  const [toggles, setToggles] = useState(0);
  useEffect(() => {
    const el = details.current!;
    const toggled = () => setToggles((n) => n + 1);
    el.addEventListener('toggle', toggled);
    return () => el.removeEventListener('toggle', toggled);
  }, []);
  useLayoutEffect(() => {
    const el = body.current;
    if (!details.current?.open || !el) return;
    const fit = () => {
      if (!details.current?.open) return; // closed before its toggle event arrived: no box to fit
      el.style.transform = '';
      el.style.maxHeight = '';
      const r = el.getBoundingClientRect();
      const { shiftX, maxHeight } = fitMenu({ left: r.left, top: r.top, width: r.width, height: r.height }, window.innerWidth, window.innerHeight);
      if (shiftX) el.style.transform = `translateX(${shiftX}px)`;
      if (maxHeight !== null) el.style.maxHeight = `${maxHeight}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    // The header row can re-wrap while the menu is open (e.g. the run panel's cache line arrives and
    // pushes the button to the next line): fit again whenever the row changes size.
    const row = details.current?.parentElement;
    const rowObserver = row && typeof ResizeObserver !== 'undefined' ? new ResizeObserver(fit) : null;
    if (row) rowObserver?.observe(row);
    return () => {
      window.removeEventListener('resize', fit);
      rowObserver?.disconnect();
    };
  }, [toggles, busy, error]);
  useEffect(() => api.subscribe((event) => {
    if (event.type === 'export-request' && details.current) details.current.open = true;
  }), [api]);
  const run = (what: string, call: () => Promise<ExportedFile>) => async () => {
    setBusy(what);
    setError(null);
    try {
      saveExportedFile(await call());
    } catch (e) {
      setError(toErrorPayload(e));
    } finally {
      setBusy(null);
    }
  };
  const pngOfView = async () => {
    const pane = document.getElementById(MAIN_PANE_ID);
    if (!pane) return;
    setBusy('view-png');
    setError(null);
    try {
      await exportPanePng(pane, activeView, setId);
    } catch (e) {
      setError(toErrorPayload(e));
    } finally {
      setBusy(null);
    }
  };
  const path = bundle.dir;
  const items: { id: string; label: string; call: () => Promise<ExportedFile> }[] = [
    { id: 'report-html', label: 'Comparison report (HTML)', call: () => api.exportReport({ path, format: 'html' }) },
    { id: 'report-pdf', label: 'Comparison report (PDF)', call: () => api.exportReport({ path, format: 'pdf' }) },
    { id: 'samples-csv', label: `Samples table, shown models on ${setId}${samples.length ? `, ${samples.length} selected` : ''} (CSV)`, call: () => api.exportSamples({ path, format: 'csv', modelIds: models, setIds: [setId], ...(samples.length ? { indices: samples } : {}) }) },
    { id: 'samples-parquet', label: 'Samples table, every model and set (Parquet)', call: () => api.exportSamples({ path, format: 'parquet' }) },
  ];
  if (focusModel)
    for (const kind of ['features', 'logits', 'projection'] as const)
      items.push({ id: `array-${kind}`, label: `${focusModel} on ${setId}: ${kind} (.npy)`, call: () => api.exportArray({ path, modelId: focusModel, setId, kind, ...(kind === 'projection' ? { dims: 3 as const } : {}) }) });
  return (
    <details ref={details} className="export-menu run-options">
      <summary>Export</summary>
      <div ref={body} className="run-options-body export-body" role="menu">
        {items.map((item) => (
          <button key={item.id} type="button" role="menuitem" className="secondary" data-export={item.id} disabled={busy !== null} onClick={run(item.id, item.call)}>
            {busy === item.id ? 'Exporting…' : item.label}
          </button>
        ))}
        <button type="button" role="menuitem" className="secondary" data-export="menu-view-png" disabled={busy !== null} onClick={pngOfView}>
          {busy === 'view-png' ? 'Exporting…' : 'PNG of the current view'}
        </button>
        {error && <p className="view-error inline" role="alert" data-error-code={error.code}>{error.message}</p>}
      </div>
    </details>
  );
}
