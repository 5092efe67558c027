// Export: the comparison report (HTML / PDF), the samples table (CSV / Parquet) for what is
// shown, and model B's arrays on the current set (.npy). Also opened by File → Export… (desktop).
import { useEffect, useRef, useState } from 'react';
import type { ExportedFile } from '../../../src-shared/api/result-types';
import type { ErrorPayload } from '../../../src-shared/api/errors';
import { toErrorPayload } from '../../../src-shared/api/errors';
import { useAppState, useOpenBundle, useServices } from '../app-context';
import { saveExportedFile } from '../export/download';
import { focusModelOf } from '../state/actions';

export function ExportMenu() {
  const { api } = useServices();
  const { bundle } = useOpenBundle();
  const models = useAppState((s) => s.selectedModels);
  const setId = useAppState((s) => s.setId);
  const samples = useAppState((s) => s.selectedSamples);
  const focusModel = useAppState(focusModelOf);
  const details = useRef<HTMLDetailsElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
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
      <div className="run-options-body export-body" role="menu">
        {items.map((item) => (
          <button key={item.id} type="button" role="menuitem" className="secondary" data-export={item.id} disabled={busy !== null} onClick={run(item.id, item.call)}>
            {busy === item.id ? 'Exporting…' : item.label}
          </button>
        ))}
        {error && <p className="view-error inline" role="alert" data-error-code={error.code}>{error.message}</p>}
      </div>
    </details>
  );
}
