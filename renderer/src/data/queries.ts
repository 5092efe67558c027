// Cache keys and loaders for everything views fetch from the engine, in one place. A loader's
// optional signal lets a view give up on a superseded request (see ResourceCache.get).
import type { NeighboursResult, ProjectionResult, SampleImages, SampleMetrics } from '../../../src-shared/api/result-types';
import type { PruneLensClient } from '../../../src-shared/api/rpc';
import type { ResourceCache } from './resource-cache';

export interface Queries {
  metricsKey(modelId: string, setId: string): string;
  metrics(modelId: string, setId: string): Promise<SampleMetrics>;
  projectionKey(modelId: string, setId: string, dims: 2 | 3): string;
  projection(modelId: string, setId: string, dims: 2 | 3, signal?: AbortSignal): Promise<ProjectionResult>;
  imagesKey(index: number, corruption: string | null): string;
  images(index: number, corruption: string | null, signal?: AbortSignal): Promise<SampleImages>;
  neighboursKey(modelId: string, setId: string, index: number): string;
  neighbours(modelId: string, setId: string, index: number, signal?: AbortSignal): Promise<NeighboursResult>;
}

/** Neighbours shown per model in the drill-down. */
const NEIGHBOURS = 6;

/**
 * `generation` is the run generation (AnalysisState.runGeneration): results of a run are keyed by
 * it, so a re-run or a re-open gives every view new keys and nothing shows the last run's numbers.
 * Images do not depend on the run and keep their keys.
 */
export function createQueries(api: PruneLensClient, cache: ResourceCache, path: string, generation: () => number = () => 0): Queries {
  const q: Queries = {
    metricsKey: (m, s) => `metrics|${path}|${generation()}|${m}|${s}`,
    metrics: (m, s) => cache.get(q.metricsKey(m, s), () => api.getSampleMetrics({ path, modelId: m, setId: s })),
    projectionKey: (m, s, d) => `proj${d}|${path}|${generation()}|${m}|${s}`,
    projection: (m, s, d, signal) => cache.get(q.projectionKey(m, s, d), (loading) => api.getProjection({ path, modelId: m, setId: s, dims: d }, { signal: loading }), signal),
    imagesKey: (i, c) => `images|${path}|${i}|${c ?? ''}`,
    images: (i, c, signal) =>
      cache.get(q.imagesKey(i, c), (loading) => api.getSampleImages({ path, index: i, ...(c && c !== 'clean' ? { corruption: c, severities: [1, 2, 3, 4, 5] } : {}) }, { signal: loading }), signal),
    neighboursKey: (m, s, i) => `neighbours|${path}|${generation()}|${m}|${s}|${i}`,
    neighbours: (m, s, i, signal) => cache.get(q.neighboursKey(m, s, i), (loading) => api.getNeighbours({ path, modelId: m, setId: s, index: i, k: NEIGHBOURS }, { signal: loading }), signal),
  };
  return q;
}
