// Severity trajectory of the focused sample in every view: its position on clean, s1, …, s5 of
// the current corruption (one projection / metrics fetch per model × severity, cached).
import { useMemo } from 'react';
import type { ProjectionResult, SampleMetrics } from '../../../../src-shared/api/result-types';
import { useAnalysis, useOpenBundle, useServices } from '../../app-context';
import { useSets } from '../../components/filter-bar';
import { useCachedList } from '../../data/resource';
import type { Bounds } from '../../compute/point-buffers';
import { normalizedPoint, pathSegments } from './overlays';

export function useTrajectories(models: string[], setId: string, layout: 'projection' | 'geometry', focus: number | null, bounds: Bounds | null, enabled: boolean): Float32Array[] | null {
  const { cache } = useServices();
  const { queries } = useOpenBundle();
  const version = useAnalysis((s) => s.version);
  const sets = useSets();
  const corruption = sets.find((s) => s.id === setId)?.corruption ?? 'clean';
  const path = enabled && focus !== null && corruption !== 'clean' ? ['clean', ...sets.filter((s) => s.corruption === corruption).sort((a, b) => a.severity - b.severity).map((s) => s.id)] : [];
  const pairs = models.flatMap((m) => path.map((s) => [m, s] as const));
  const keys = pairs.map(([m, s]) => (layout === 'projection' ? queries.projectionKey(m, s, 3) : queries.metricsKey(m, s)));
  const loaded = useCachedList<ProjectionResult | SampleMetrics>(cache, keys, (_, i, signal) => (layout === 'projection' ? queries.projection(pairs[i][0], pairs[i][1], 3, signal) : queries.metrics(pairs[i][0], pairs[i][1])), version);
  const signature = loaded.map((r) => r.status).join('');
  return useMemo(() => {
    if (!bounds || focus === null || path.length === 0) return null;
    return models.map((_, m) => {
      const points = path.map((_, k) => {
        const r = loaded[m * path.length + k];
        if (r.status !== 'ready') return null;
        if ('coords' in r.data) return normalizedPoint(r.data.coords, r.data.dims, r.data.dims, focus, bounds);
        const x = r.data;
        return focus < x.count ? normalizedPoint(new Float32Array([x.angleGt[focus], x.length[focus], x.logitMargin[focus]]), 3, 3, 0, bounds) : null;
      });
      return pathSegments(points);
    });
    // `signature` changes when a load completes; `loaded` is a fresh array every render.
  }, [bounds, focus, models.join(','), path.join(','), signature]);
}
