// New bundle…: pick a folder → the engine drafts a bundle.json from the models and data it finds
// → choose the dense model, name the methods, classes, normalisation and corruptions → save
// (validated) → open.
import { useEffect, useState } from 'react';
import type { ErrorPayload } from '../../../src-shared/base/errors';
import { toErrorPayload } from '../../../src-shared/base/errors';
import { allCorruptions } from '../../../src-shared/bundle/manifest';
import type { BundleManifest, CorruptionName } from '../../../src-shared/bundle/manifest';
import type { NormalisationChoice } from '../../../src-shared/bundle/normalisation-presets';
import { useApi } from '../api/api-provider';
import { initialSelection, NormalisationFields } from './normalisation-fields';
import type { PresetSelection } from './normalisation-fields';

interface Draft {
  manifest: BundleManifest;
  notes: string[];
  exists: boolean;
  normalisation: NormalisationChoice;
}

export function withDense(manifest: BundleManifest, denseId: string): BundleManifest {
  return { ...manifest, models: manifest.models.map(({ parent, ...m }) => ({ ...m, role: m.id === denseId ? 'dense' : 'pruned', ...(parent && m.id !== denseId ? { parent } : {}) })) };
}

/** Sets (or, with '', clears: the dense model) the model `id` was pruned from. */
export function withParent(manifest: BundleManifest, id: string, parent: string): BundleManifest {
  return { ...manifest, models: manifest.models.map(({ parent: old, ...m }) => ({ ...m, ...(m.id === id ? (parent ? { parent } : {}) : old ? { parent: old } : {}) })) };
}

export function withCorruptions(manifest: BundleManifest, corruptions: string[], seed: number): BundleManifest {
  const data = { ...manifest.data };
  if (corruptions.length === 0) delete data.corrupted;
  else data.corrupted = { generate: { corruptions: corruptions as CorruptionName[], severities: [1, 2, 3, 4, 5], seed } };
  return { ...manifest, data };
}

export function NewBundleWizard({ onClose, onOpened }: { onClose: () => void; onOpened: (dir: string) => void }) {
  const api = useApi();
  const [folder, setFolder] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const [corruptions, setCorruptions] = useState<string[]>([...allCorruptions]);
  const [scans, setScans] = useState(0);
  const [normalisation, setNormalisation] = useState<PresetSelection>('');

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(toErrorPayload(e));
    } finally {
      setBusy(false);
    }
  };
  const scan = () =>
    run(async () => {
      const next = await api.draftBundle({ path: folder });
      setDraft(next);
      setNormalisation(initialSelection(next.normalisation));
      setScans((n) => n + 1);
    });
  const save = () =>
    run(async () => {
      // Replacing an existing bundle.json needs the user's explicit yes; only then is `overwrite` sent.
      const overwrite = draft!.exists && window.confirm(`${folder} already has a bundle.json. Replace it?`);
      if (draft!.exists && !overwrite) return;
      const manifest = withCorruptions(draft!.manifest, corruptions, 1234);
      const summary = await api.saveBundle({ path: folder, manifest, overwrite });
      onOpened(summary.dir);
    });
  const update = (manifest: BundleManifest) => setDraft((d) => (d ? { ...d, manifest } : d));
  const dense = draft?.manifest.models.find((m) => m.role === 'dense')?.id;
  // Saving waits for a normalisation the user chose, or a guess they confirmed (normalisation-fields.tsx).
  const unsaved = !draft ? null : normalisation === '' ? 'Choose the input normalisation first' : draft.manifest.input.guessed !== undefined ? 'Confirm or change the guessed input normalisation first' : null;

  return (
    <div className="modal-backdrop" role="dialog" aria-modal="true" aria-label="New bundle">
      <div className="modal new-bundle">
        <h2>New bundle</h2>
        <form className="open-bundle" onSubmit={(e) => (e.preventDefault(), void scan())}>
          <label htmlFor="new-bundle-folder">Folder</label>
          <input id="new-bundle-folder" value={folder} spellCheck={false} placeholder="/path/to/folder with .onnx models and test data" onChange={(e) => setFolder(e.target.value)} autoFocus />
          <button type="submit" disabled={busy || !folder.trim()}>Scan</button>
        </form>
        {error && <div className="error-banner" role="alert" data-error-code={error.code}>{error.message}</div>}
        {draft && (
          <>
            <label className="field">Name <input value={draft.manifest.name} onChange={(e) => update({ ...draft.manifest, name: e.target.value })} /></label>
            <table className="models-table" aria-label="Draft models">
              <thead><tr><th>Dense</th><th>Model</th><th>File</th><th>Method</th><th>Pruned from</th><th className="num">Sparsity</th></tr></thead>
              <tbody>
                {draft.manifest.models.map((m, i) => (
                  <tr key={m.id} data-model-id={m.id}>
                    <td><input type="radio" name="dense" checked={m.id === dense} onChange={() => update(withDense(draft.manifest, m.id))} aria-label={`${m.id} is the dense model`} /></td>
                    <td className="model-id">{m.id}</td>
                    <td>{m.path}</td>
                    <td><input value={m.method} aria-label={`${m.id} method`} onChange={(e) => update({ ...draft.manifest, models: draft.manifest.models.map((x, j) => (j === i ? { ...x, method: e.target.value } : x)) })} /></td>
                    <td>
                      {m.id === dense ? '—' : (
                        <select value={m.parent ?? ''} aria-label={`${m.id} pruned from`} onChange={(e) => update(withParent(draft.manifest, m.id, e.target.value))}>
                          <option value="">the dense model</option>
                          {draft.manifest.models.filter((x) => x.id !== m.id && x.id !== dense).map((x) => <option key={x.id} value={x.id}>{x.id}</option>)}
                        </select>
                      )}
                    </td>
                    <td className="num">{m.sparsity === undefined ? '—' : `${(m.sparsity * 100).toFixed(1)} %`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <label className="field">Classes <input value={draft.manifest.classes.join(', ')} onChange={(e) => update({ ...draft.manifest, classes: e.target.value.split(',').map((c) => c.trim()) })} /></label>
            <NormalisationFields key={scans} input={draft.manifest.input} choice={draft.normalisation} selection={normalisation} onChange={(input, selection) => (update({ ...draft.manifest, input }), setNormalisation(selection))} />
            <p className="bundle-meta">Test data: {draft.manifest.data.clean.images}{draft.manifest.data.clean.labels ? ` + ${draft.manifest.data.clean.labels}` : ''}</p>
            {!(draft.manifest.data.corrupted && 'cifarC' in draft.manifest.data.corrupted) && (
              <fieldset className="corruption-picker">
                <legend>Corruptions to generate (severities 1–5)</legend>
                {allCorruptions.map((c) => (
                  <label key={c}>
                    <input type="checkbox" checked={corruptions.includes(c)} onChange={(e) => setCorruptions((cs) => (e.target.checked ? [...cs, c] : cs.filter((x) => x !== c)))} /> {c}
                  </label>
                ))}
              </fieldset>
            )}
            {draft.notes.length > 0 && <ul className="notes">{draft.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
            {draft.exists && <p className="warning">This folder already has a bundle.json: saving replaces it.</p>}
          </>
        )}
        <div className="modal-actions">
          <button type="button" className="secondary" onClick={onClose}>Cancel</button>
          <button type="button" disabled={!draft || busy || unsaved !== null} title={unsaved ?? undefined} onClick={() => void save()}>Save bundle.json and open</button>
        </div>
      </div>
    </div>
  );
}
