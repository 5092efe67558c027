// Cache keys and loaders for everything views fetch from the engine, in one place.
import type { NeighboursResult, ProjectionResult, SampleImages, SampleMetrics } from '../../../src-shared/api/result-types';
import type { PruneLensClient } from '../../../src-shared/api/rpc';
import type { ResourceCache } from './resource-cache';

export interface Queries {
  metricsKey(modelId: string, setId: string): string;
  metrics(modelId: string, setId: string): Promise<SampleMetrics>;
  projectionKey(modelId: string, setId: string, dims: 2 | 3): string;
  projection(modelId: string, setId: string, dims: 2 | 3): Promise<ProjectionResult>;
  imagesKey(index: number, corruption: string | null): string;
  images(index: number, corruption: string | null): Promise<SampleImages>;
  neighboursKey(modelId: string, setId: string, index: number): string;
  neighbours(modelId: string, setId: string, index: number): Promise<NeighboursResult>;
}

/** Neighbours shown per model in the drill-down. */
const NEIGHBOURS = 6;

export function createQueries(api: PruneLensClient, cache: ResourceCache, path: string): Queries {
  const q: Queries = {
    metricsKey: (m, s) => `metrics|${path}|${m}|${s}`,
    metrics: (m, s) => cache.get(q.metricsKey(m, s), () => api.getSampleMetrics({ path, modelId: m, setId: s })),
    projectionKey: (m, s, d) => `proj${d}|${path}|${m}|${s}`,
    projection: (m, s, d) => cache.get(q.projectionKey(m, s, d), () => api.getProjection({ path, modelId: m, setId: s, dims: d })),
    imagesKey: (i, c) => `images|${path}|${i}|${c ?? ''}`,
    images: (i, c) =>
      cache.get(q.imagesKey(i, c), () => api.getSampleImages({ path, index: i, ...(c && c !== 'clean' ? { corruption: c, severities: [1, 2, 3, 4, 5] } : {}) })),
    neighboursKey: (m, s, i) => `neighbours|${path}|${m}|${s}|${i}`,
    neighbours: (m, s, i) => cache.get(q.neighboursKey(m, s, i), () => api.getNeighbours({ path, modelId: m, setId: s, index: i, k: NEIGHBOURS })),
  };
  return q;
}
