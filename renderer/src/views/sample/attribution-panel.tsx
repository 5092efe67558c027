// Geometric attribution: occlusion heat maps of the sample for models A and B on the current
// set — how hiding each patch changes the angle to the true class, the length or the margin.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { OcclusionResult, SampleImages } from '../../../../src-shared/api/result-types';
import { useAnalysis, useAppState, useOpenBundle, useServices } from '../../app-context';
import { ResourceView } from '../../components/view-state';
import { combine, useCachedList } from '../../data/resource';
import type { AttributionMetric } from './heatmap';
import { context2d } from '../../components/canvas-utils';
import { attributionRgba, helpfulSign, occlusionScale, sharedExtent } from './heatmap';
import { ColorLegend } from '../../components/color-legend';

const metrics: { key: AttributionMetric; label: string }[] = [
  { key: 'angleGt', label: 'Δ angle to true class' },
  { key: 'length', label: 'Δ length' },
  { key: 'logitMargin', label: 'Δ logit margin' },
];

export function AttributionPanel({ index, images }: { index: number; images: SampleImages }) {
  const { api, cache } = useServices();
  const { bundle } = useOpenBundle();
  const setId = useAppState((s) => s.setId);
  const pair = useAppState((s) => s.selectedModels).slice(0, 2);
  const version = useAnalysis((s) => s.version);
  const [metric, setMetric] = useState<AttributionMetric>('angleGt');
  const keys = pair.map((m) => `occlusion|${bundle.dir}|${m}|${setId}|${index}`);
  const results = combine(useCachedList<OcclusionResult>(cache, keys, (_, i, signal) => api.getOcclusion({ path: bundle.dir, modelId: pair[i], setId, index }, { signal }), version));
  const shown = setId === 'clean' ? images.clean : images.corrupted.find((c) => c.setId === setId)?.data;
  return (
    <section className="panel attribution" aria-label="Geometric attribution">
      <div className="panel-head">
        <span>Occlusion attribution on {setId} (red: hiding the patch hurts the true class)</span>
        <select name="attribution-metric" value={metric} onChange={(e) => setMetric(e.target.value as AttributionMetric)}>
          {metrics.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}
        </select>
      </div>
      <ResourceView resource={results} what="occlusion maps" empty="Occlusion needs the models on this set.">
        {(maps) => <Heatmaps maps={maps} metric={metric} image={shown ?? images.clean} images={images} />}
      </ResourceView>
    </section>
  );
}

function Heatmaps({ maps, metric, image, images }: { maps: OcclusionResult[]; metric: AttributionMetric; image: Uint8Array; images: SampleImages }) {
  const extent = useMemo(() => sharedExtent(maps.map((m) => m[metric])), [maps, metric]);
  return (
    <div className="image-strip" data-attribution-models={maps.length}>
      {maps.map((m) => (
        <HeatmapCanvas key={m.modelId} result={m} metric={metric} image={image} channels={images.channels} extent={extent} />
      ))}
      <p className="muted attribution-note">
        patch {maps[0]?.patch}px, stride {maps[0]?.stride}px · full colour = ±{extent.toFixed(2)}
      </p>
      <ColorLegend scale={occlusionScale(metric, extent)} />
    </div>
  );
}

function HeatmapCanvas({ result, metric, image, channels, extent }: { result: OcclusionResult; metric: AttributionMetric; image: Uint8Array; channels: number; extent: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    canvas.width = result.width;
    canvas.height = result.height;
    const rgba = attributionRgba(result[metric], image, result.width, result.height, channels, extent, helpfulSign[metric]);
    context2d(canvas)?.putImageData(new ImageData(rgba, result.width, result.height), 0, 0);
  }, [result, metric, image, channels, extent]);
  const base = result.base[metric];
  return (
    <figure className="sample-image">
      <canvas ref={ref} className="pixelated" style={{ width: result.width * 4, height: result.height * 4 }} role="img" aria-label={`Occlusion map of ${result.modelId}`} />
      <figcaption>
        {result.modelId} (base {base.toFixed(metric === 'angleGt' ? 1 : 2)}
        {metric === 'angleGt' ? '°' : ''})
      </figcaption>
    </figure>
  );
}
