// View 7: one sample — its image and corrupted versions, every model's prediction on the
// current set, its metrics along the severities, its nearest neighbours in feature space — and
// next / previous through the filtered list.
import type { SampleImages } from '../../../../src-shared/api/result-types';
import { useAnalysis, useAppState, useDerived, useOpenBundle, useServices } from '../../app-context';
import { filterDescription } from '../../components/filter-bar';
import { EmptyState, ResourceView } from '../../components/view-state';
import { useCached } from '../../data/resource';
import { stepFocus } from '../../state/actions';
import { categoryCss, categoryNames } from '../../state/categories';
import { AttributionPanel } from './attribution-panel';
import { SampleImage } from './sample-image';
import { MetricTrajectory } from './metric-trajectory';
import { NeighboursPanel } from './neighbours-panel';
import { PredictionsTable } from './predictions-table';

export function SampleView() {
  const { store } = useServices();
  const focus = useAppState((s) => s.focusSample);
  const setId = useAppState((s) => s.setId);
  const categoryFilter = useAppState((s) => s.categoryFilter);
  const derived = useDerived((s) => s);
  if (focus === null)
    return (
      <EmptyState>
        Pick a sample: click a point in a plot, type its number after <kbd>/</kbd>, or press <kbd>j</kbd> to start at the first of the filtered list.
      </EmptyState>
    );
  const position = derived.indices.indexOf(focus);
  const category = derived.categories && focus < derived.categories.length ? derived.categories[focus] : null;
  return (
    <div className="view sample-view" data-sample={focus}>
      <div className="view-toolbar">
        <button type="button" className="secondary" onClick={() => stepFocus(store, derived.indices, -1)} disabled={derived.indices.length === 0}>‹ previous</button>
        <h3 className="sample-title">Sample #{focus}</h3>
        {category !== null && (
          <span className="category-tag" data-category={categoryNames[category]} style={{ borderColor: categoryCss[category] }}>
            {categoryNames[category]} ({derived.focusModel} on {setId})
          </span>
        )}
        <span className="muted">
          {position >= 0 ? `${position + 1} / ${derived.indices.length}` : `not in the ${derived.indices.length}`} {filterDescription(categoryFilter, setId, derived.focusModel)}
        </span>
        <button type="button" className="secondary" onClick={() => stepFocus(store, derived.indices, 1)} disabled={derived.indices.length === 0}>next ›</button>
      </div>
      <div className="sample-grid">
        <SampleImagesPanel index={focus} />
        <PredictionsTable index={focus} />
        <MetricTrajectory index={focus} />
        <NeighboursPanel index={focus} />
      </div>
    </div>
  );
}

function SampleImagesPanel({ index }: { index: number }) {
  const { cache } = useServices();
  const { bundle, queries } = useOpenBundle();
  const setId = useAppState((s) => s.setId);
  const version = useAnalysis((s) => s.version);
  const evaluation = useAnalysis((s) => s.evaluation);
  const corruption = evaluation.status === 'ready' ? (evaluation.data.sets.find((s) => s.id === setId)?.corruption ?? 'clean') : setId === 'clean' ? 'clean' : setId.replace(/-s\d$/, '');
  const resource = useCached<SampleImages>(cache, queries.imagesKey(index, corruption), (signal) => queries.images(index, corruption, signal), version);
  return (
    <section className="panel sample-images" aria-label="Images">
      <ResourceView resource={resource} what="the sample's images" empty="No images.">
        {(img) => (
          <>
            <p className="muted">
              true class: <strong>{bundle.classes[img.label] ?? img.label}</strong> · {img.width}×{img.height}×{img.channels}
            </p>
            <div className="image-strip">
              <SampleImage data={img.clean} width={img.width} height={img.height} channels={img.channels} label="clean" />
              {img.corrupted.map((c) => (
                <div key={c.setId} className={c.setId === setId ? 'current-image' : undefined}>
                  <SampleImage data={c.data} width={img.width} height={img.height} channels={img.channels} label={`${corruption.replace(/_/g, ' ')} s${c.severity}`} />
                </div>
              ))}
            </div>
            <AttributionPanel index={index} images={img} />
          </>
        )}
      </ResourceView>
    </section>
  );
}
