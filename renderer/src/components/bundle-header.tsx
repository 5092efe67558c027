// The open bundle: name, models (toggle which are shown; A/B mark the comparison pair),
// execution provider, run controls and job progress, and the model cards.
import type { BundleSummary, ModelSummary } from '../../../src-shared/api/types';
import { useAnalysis, useAppState, useServices } from '../app-context';
import { toggleModel } from '../state/actions';
import { ModelsTable } from './models-table';
import { ExportMenu } from './export-menu';
import { RunPanel } from './run-panel';

export function modelSparsity(model: ModelSummary): number | undefined {
  return model.sparsity ?? model.card?.weightSparsity;
}

export function BundleHeader({ bundle }: { bundle: BundleSummary }) {
  const { store } = useServices();
  const selected = useAppState((s) => s.selectedModels);
  const showCards = useAppState((s) => s.showModelCards);
  const ep = useAnalysis((s) => s.executionProvider);
  return (
    <div className="bundle-header">
      <div className="bundle-title">
        <h2 className="bundle-name">{bundle.name}</h2>
        <p className="bundle-meta">
          {bundle.models.length} models · {bundle.classes.length} classes · corrupted sets: {bundle.data.corrupted}
          {bundle.limit ? ` · first ${bundle.limit} samples` : ''}
          {ep ? ` · EP ${ep}` : ''}
        </p>
      </div>
      <RunPanel bundleLimit={bundle.limit} />
      <ExportMenu />
      <div className="model-chips" role="group" aria-label="Shown models">
        {bundle.models.map((model) => {
          const at = selected.indexOf(model.id);
          const sparsity = modelSparsity(model);
          return (
            <button
              key={model.id}
              type="button"
              className={`chip${at >= 0 ? ' on' : ''}`}
              aria-pressed={at >= 0}
              data-chip-model={model.id}
              title={`${model.method}${sparsity !== undefined ? `, ${(sparsity * 100).toFixed(0)} % sparse` : ''} — click to show or hide`}
              onClick={() => toggleModel(store, model.id)}
            >
              {at === 0 && <span className="pair-badge">A</span>}
              {at === 1 && <span className="pair-badge b">B</span>}
              <span className="chip-id">{model.id}</span>
              <span className="chip-meta">{sparsity !== undefined ? `${(sparsity * 100).toFixed(0)} %` : model.method}</span>
            </button>
          );
        })}
        <button type="button" className="link" onClick={() => store.set({ showModelCards: !showCards })}>
          {showCards ? 'Hide model cards' : 'Model cards'}
        </button>
      </div>
      {showCards && <ModelsTable bundle={bundle} />}
    </div>
  );
}
