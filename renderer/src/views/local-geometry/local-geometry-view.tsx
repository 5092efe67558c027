// View 4: per class, angle to the true class vs feature length, with an arrow per sample from
// model A to model B (or from the clean set to the current set, for model B).
import { useMemo } from 'react';
import type { SampleMetrics } from '../../../../src-shared/api/result-types';
import { useAnalysis, useAppState, useDerived, useOpenBundle, useServices } from '../../app-context';
import { EmptyState, ResourceView } from '../../components/view-state';
import { combine, useCachedList } from '../../data/resource';
import { pairOf } from '../../state/actions';
import { localClassOf } from '../../state/visible-selection';
import { categoryCss, categoryNames } from '../../state/categories';
import { buildScatter } from './scatter-model';
import { ScatterCanvas } from './scatter-canvas';

export function LocalGeometryView() {
  const { store, cache } = useServices();
  const { bundle, queries } = useOpenBundle();
  const selectedModels = useAppState((s) => s.selectedModels);
  const setId = useAppState((s) => s.setId);
  const classFilter = useAppState((s) => s.classFilter);
  const cls = localClassOf(classFilter, useAppState((s) => s.localClass));
  const compare = useAppState((s) => s.localCompare);
  const version = useAnalysis((s) => s.version);
  const [a0, b0] = pairOf({ selectedModels });
  const b = b0 ?? a0;
  const pairs: [string, string][] = !b ? [] : compare === 'clean' ? [[b, 'clean'], [b, setId]] : [[a0!, setId], [b, setId]];
  const keys = pairs.map(([m, s]) => queries.metricsKey(m, s));
  const resources = useCachedList<SampleMetrics>(cache, keys, (_, i) => queries.metrics(pairs[i][0], pairs[i][1]), version);
  const both = combine(resources);
  const labels: [string, string] = pairs.length ? [`${pairs[0][0]}@${pairs[0][1]}`, `${pairs[1][0]}@${pairs[1][1]}`] : ['A', 'B'];
  return (
    <div className="view local-view">
      <div className="view-toolbar">
        <label>
          Class
          {/* Follows the global class filter; picking another class here moves that filter along. */}
          <select name="local-class" value={cls} onChange={(e) => store.set(classFilter === null ? { localClass: Number(e.target.value) } : { localClass: Number(e.target.value), classFilter: Number(e.target.value) })}>
            {bundle.classes.map((c, i) => <option key={c} value={i}>{c}</option>)}
          </select>
        </label>
        <div className="segmented" role="radiogroup" aria-label="Compare">
          <button type="button" role="radio" aria-checked={compare === 'models'} className={compare === 'models' ? 'on' : ''} onClick={() => store.set({ localCompare: 'models' })}>A → B on {setId}</button>
          <button type="button" role="radio" aria-checked={compare === 'clean'} className={compare === 'clean' ? 'on' : ''} onClick={() => store.set({ localCompare: 'clean' })}>clean → {setId} ({b ?? 'B'})</button>
        </div>
        <Legend />
      </div>
      {!b ? (
        <EmptyState>Select a model (the chips above) to see its local geometry.</EmptyState>
      ) : (
        <ResourceView resource={both} what="sample metrics" empty="These sample metrics are not computed yet: run the analysis.">
          {([ma, mb]) => <LocalPlot a={ma} b={mb} cls={cls} labels={labels} />}
        </ResourceView>
      )}
    </div>
  );
}

function LocalPlot({ a, b, cls, labels }: { a: SampleMetrics; b: SampleMetrics; cls: number; labels: [string, string] }) {
  const data = useMemo(() => buildScatter(a, b, cls), [a, b, cls]);
  const derived = useDerived((s) => s);
  // Categories and the filter mask belong to the focus model on the current set: use them when that is B here.
  const linked = derived.focusModel === b.modelId && derived.setId === b.setId;
  if (data.indices.length === 0) return <EmptyState>No samples of this class in the analysed subset.</EmptyState>;
  return <ScatterCanvas data={data} categories={linked ? derived.categories : null} mask={linked ? derived.mask : null} labels={labels} />;
}

export function Legend() {
  return (
    <ul className="legend inline" aria-label="Categories">
      {categoryNames.map((name, c) => (
        <li key={name}><span className="swatch" style={{ background: categoryCss[c] }} />{name}</li>
      ))}
    </ul>
  );
}
