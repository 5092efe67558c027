// Where the sample lands in each compared model's feature space: its nearest clean samples by
// angle, with their classes. A pruning-fragile sample often sits among another class's samples
// under the pruned model while the dense model keeps it with its own class. Click one to open it.
import type { NeighboursResult, SampleImages } from '../../../../src-shared/api/result-types';
import { useAnalysis, useAppState, useOpenBundle, useServices } from '../../app-context';
import { ResourceView } from '../../components/view-state';
import { combine, useCached, useCachedList } from '../../data/resource';
import { focusSample } from '../../state/actions';
import { SampleImage } from './sample-image';

export function NeighboursPanel({ index }: { index: number }) {
  const { cache } = useServices();
  const { queries } = useOpenBundle();
  const setId = useAppState((s) => s.setId);
  const pair = useAppState((s) => s.selectedModels).slice(0, 2);
  const version = useAnalysis((s) => s.version);
  const keys = pair.map((m) => queries.neighboursKey(m, setId, index));
  const results = combine(useCachedList<NeighboursResult>(cache, keys, (_, i, signal) => queries.neighbours(pair[i], setId, index, signal), version));
  return (
    <section className="panel neighbours" aria-label="Nearest neighbours in feature space">
      <div className="panel-head">
        <span>Nearest clean samples in feature space (angle between feature vectors), sample on {setId}</span>
      </div>
      <ResourceView resource={results} what="neighbours" empty="Neighbours need the models' features: run the analysis.">
        {(lists) => (
          <div className="neighbour-rows" data-neighbour-models={lists.length}>
            {lists.map((list) => <NeighbourRow key={list.modelId} result={list} />)}
          </div>
        )}
      </ResourceView>
    </section>
  );
}

function NeighbourRow({ result }: { result: NeighboursResult }) {
  const { bundle } = useOpenBundle();
  const sameClass = result.neighbours.filter((n) => n.label === result.label).length;
  return (
    <div className="neighbour-row" data-neighbours-of={result.modelId}>
      <p className="neighbour-caption">
        <strong>{result.modelId}</strong>: {sameClass} of {result.neighbours.length} share the true class <em>{bundle.classes[result.label] ?? result.label}</em>
        {result.pred !== result.label && <> · predicted <em>{bundle.classes[result.pred] ?? result.pred}</em></>}
      </p>
      <div className="image-strip">
        {result.neighbours.map((n) => <NeighbourThumb key={n.index} neighbour={n} same={n.label === result.label} />)}
      </div>
    </div>
  );
}

function NeighbourThumb({ neighbour, same }: { neighbour: NeighboursResult['neighbours'][number]; same: boolean }) {
  const { store, cache } = useServices();
  const { bundle, queries } = useOpenBundle();
  const image = useCached<SampleImages>(cache, queries.imagesKey(neighbour.index, 'clean'), (signal) => queries.images(neighbour.index, 'clean', signal));
  const name = bundle.classes[neighbour.label] ?? String(neighbour.label);
  return (
    <button type="button" className={`neighbour ${same ? 'same' : 'other'}`} data-neighbour={neighbour.index} onClick={() => focusSample(store, neighbour.index)} title={`Open sample #${neighbour.index}`}>
      {image.status === 'ready' ? (
        <SampleImage data={image.data.clean} width={image.data.width} height={image.data.height} channels={image.data.channels} scale={2} label={`#${neighbour.index} ${name}`} />
      ) : (
        <span className="muted">#{neighbour.index}</span>
      )}
      <span className="neighbour-angle">{neighbour.angle.toFixed(1)}°</span>
    </button>
  );
}
