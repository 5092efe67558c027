// The details panel: the comparison pair, the selection, and the focused (or hovered) sample.
import type { SampleImages, SampleMetrics } from '../../../src-shared/api/result-types';
import { useAnalysis, useAppState, useDerived, useOpenBundle, useServices } from '../app-context';
import { useCached, useCachedList } from '../data/resource';
import { pairOf, selectSamples, setActiveView } from '../state/actions';
import { categoryCss, categoryNames } from '../state/categories';
import { SampleImage } from '../views/sample/sample-image';
import { viewRegistry } from '../views/view-registry';

export function DetailsPanel() {
  const { store } = useServices();
  const { bundle } = useOpenBundle();
  const selectedModels = useAppState((s) => s.selectedModels);
  const selectedSamples = useAppState((s) => s.selectedSamples);
  const focus = useAppState((s) => s.focusSample);
  const hovered = useAppState((s) => s.hoveredSample);
  const [a, b] = pairOf({ selectedModels });
  const describe = (id: string | null) => {
    const m = bundle.models.find((x) => x.id === id);
    return m ? `${m.id} — ${m.method}${m.sparsity !== undefined ? `, ${(m.sparsity * 100).toFixed(0)} % sparse` : ''}` : '—';
  };
  const shown = hovered ?? focus;
  return (
    <aside className="details-panel" aria-label="Details">
      <section>
        <h3>Comparison</h3>
        <p><span className="pair-badge">A</span> {describe(a)}</p>
        <p><span className="pair-badge b">B</span> {describe(b)}</p>
      </section>
      <section>
        <h3>Selection</h3>
        <p data-selection-count={selectedSamples.length}>
          {selectedSamples.length === 0 ? 'No samples selected.' : `${selectedSamples.length} sample${selectedSamples.length > 1 ? 's' : ''} selected`}
          {selectedSamples.length > 0 && (
            <button type="button" className="link" onClick={() => selectSamples(store, [])}>clear</button>
          )}
        </p>
      </section>
      {shown !== null && <SampleSummary index={shown} hovered={hovered !== null} />}
      {focus !== null && hovered === null && (
        <button type="button" className="secondary" onClick={() => setActiveView(store, 'sample')}>Open sample view ({viewRegistry.keyOf('sample')})</button>
      )}
    </aside>
  );
}

function SampleSummary({ index, hovered }: { index: number; hovered: boolean }) {
  const { cache } = useServices();
  const { bundle, queries } = useOpenBundle();
  const setId = useAppState((s) => s.setId);
  const selectedModels = useAppState((s) => s.selectedModels);
  const version = useAnalysis((s) => s.version);
  const derived = useDerived((s) => s);
  const pair = selectedModels.slice(0, 2);
  const metrics = useCachedList<SampleMetrics>(cache, pair.map((m) => queries.metricsKey(m, setId)), (_, i) => queries.metrics(pair[i], setId), version);
  // Images only for the focused sample: hovering over thousands of points must not fetch.
  const image = useCached<SampleImages>(cache, hovered ? null : queries.imagesKey(index, 'clean'), () => queries.images(index, 'clean'), version);
  const category = derived.categories && index < derived.categories.length ? derived.categories[index] : null;
  const label = derived.metrics && index < derived.metrics.count ? derived.metrics.labels[index] : null;
  return (
    <section data-details-sample={index}>
      <h3>{hovered ? 'Hovered' : 'Focused'} sample #{index}</h3>
      {image.status === 'ready' && <SampleImage data={image.data.clean} width={image.data.width} height={image.data.height} channels={image.data.channels} scale={3} label="clean" />}
      {label !== null && <p>true class: <strong>{bundle.classes[label] ?? label}</strong></p>}
      {category !== null && (
        <p>
          <span className="swatch" style={{ background: categoryCss[category] }} /> {categoryNames[category]} ({derived.focusModel}, {setId})
        </p>
      )}
      <ul className="plain">
        {pair.map((m, k) => {
          const r = metrics[k];
          if (r.status !== 'ready' || index >= r.data.count) return <li key={m}>{m}: …</li>;
          return (
            <li key={m}>
              {m}: {r.data.correct[index] ? '✓' : '✗'} {bundle.classes[r.data.pred[index]] ?? r.data.pred[index]} ({(r.data.predConfidence[index] * 100).toFixed(0)} %), θ<sub>gt</sub> {r.data.angleGt[index].toFixed(1)}°, ‖f‖ {r.data.length[index].toFixed(2)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
