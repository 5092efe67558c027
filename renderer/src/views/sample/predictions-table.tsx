// Every model's prediction for the sample on the current set: class, confidence, correctness,
// and what pruning did (vs dense). A row click makes that model B of the comparison pair.
import type { SampleMetrics } from '../../../../src-shared/api/result-types';
import { useAnalysis, useAppState, useOpenBundle, useServices } from '../../app-context';
import { useCachedList } from '../../data/resource';
import { comparePair, pairOf } from '../../state/actions';
import { categoryCss } from '../../state/categories';

const engineCategory = ['robust', 'pruning-fragile', 'pruning-improved', 'both-wrong'];
const engineToDisplay = [0, 1, 2, 4];

export function PredictionsTable({ index }: { index: number }) {
  const { store, cache } = useServices();
  const { bundle, queries } = useOpenBundle();
  const setId = useAppState((s) => s.setId);
  const selected = useAppState((s) => s.selectedModels);
  const version = useAnalysis((s) => s.version);
  const models = bundle.models.map((m) => m.id);
  const resources = useCachedList<SampleMetrics>(cache, models.map((m) => queries.metricsKey(m, setId)), (_, i) => queries.metrics(models[i], setId), version);
  const [a] = pairOf({ selectedModels: selected });
  const dense = bundle.models.find((m) => m.role === 'dense')?.id ?? models[0];
  return (
    <section className="panel" aria-label="Predictions">
      <table className="mini-table predictions" aria-label={`Predictions on ${setId}`}>
        <caption>Predictions on {setId}</caption>
        <thead>
          <tr><th>model</th><th>prediction</th><th className="num">conf.</th><th className="num">p(true)</th><th>vs dense</th></tr>
        </thead>
        <tbody>
          {models.map((id, k) => {
            const r = resources[k];
            if (r.status !== 'ready' || index >= r.data.count)
              return (
                <tr key={id} data-pred-model={id}><td>{id}</td><td colSpan={4} className="muted">{r.status === 'error' ? r.error.message : r.status === 'ready' ? 'out of range' : '…'}</td></tr>
              );
            const m = r.data;
            const code = m.category[index];
            return (
              <tr key={id} data-pred-model={id} className={`${m.correct[index] ? 'right' : 'wrong'}${selected.indexOf(id) === 1 ? ' focus-row' : ''}`} onClick={() => id !== a && comparePair(store, a ?? dense, id)} title="Compare this model (B) with A">
                <td className="model-id">{id}</td>
                <td>{m.correct[index] ? '✓' : '✗'} {bundle.classes[m.pred[index]] ?? m.pred[index]}</td>
                <td className="num">{(m.predConfidence[index] * 100).toFixed(1)} %</td>
                <td className="num">{(m.confidence[index] * 100).toFixed(1)} %</td>
                <td>{code < 4 ? <span className="category-tag" style={{ borderColor: categoryCss[engineToDisplay[code]] }}>{engineCategory[code]}</span> : <span className="muted">base</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
