// Loads what the 3-D views draw — per model: the 3-D projection (or its geometry), metrics for
// colours, clean correctness for corruption-fragile — then builds the GPU buffers in the worker.
import { useEffect, useMemo, useState } from 'react';
import type { ErrorPayload } from '../../../../src-shared/base/errors';
import { toErrorPayload } from '../../../../src-shared/base/errors';
import type { ProjectionResult, SampleMetrics } from '../../../../src-shared/api/result-types';
import { useAnalysis, useOpenBundle, useServices } from '../../app-context';
import type { Resource } from '../../data/resource';
import { combine, useCachedList } from '../../data/resource';
import type { ColorBy } from '../../state/app-state';
import type { MetricKey } from '../../state/metrics';
import { metricValues } from '../../state/metrics';
import { latestOnly } from '../../workers/compute-client';
import type { ComputeOps, PointSlotInput } from '../../workers/compute-protocol';
import type { ColorSource } from '../../compute/point-buffers';

export type PointData = ComputeOps['pointBuffers']['output'] & { models: string[]; setId: string; metrics: SampleMetrics[]; residuals: (number | null)[]; buildMs: number };

export function usePointData(models: string[], setId: string, layout: 'projection' | 'geometry', colorBy: ColorBy): Resource<PointData> {
  const { cache, compute } = useServices();
  const { queries } = useOpenBundle();
  const version = useAnalysis((s) => s.version);
  const metricKeys = models.map((m) => queries.metricsKey(m, setId));
  const cleanKeys = models.map((m) => (setId === 'clean' ? null : queries.metricsKey(m, 'clean')));
  const projKeys = models.map((m) => (layout === 'projection' ? queries.projectionKey(m, setId, 3) : null));
  const metrics = combine(useCachedList<SampleMetrics>(cache, metricKeys, (_, i) => queries.metrics(models[i], setId), version));
  const clean = useCachedList<SampleMetrics>(cache, cleanKeys, (_, i) => queries.metrics(models[i], 'clean'), version);
  const projections = useCachedList<ProjectionResult>(cache, projKeys, (_, i, signal) => queries.projection(models[i], setId, 3, signal), version);
  const proj = layout === 'projection' ? combine(projections) : ({ status: 'ready', data: [] } as Resource<ProjectionResult[]>);
  const cleanDone = clean.every((r) => r.status !== 'loading');
  const run = useMemo(() => latestOnly((input: ComputeOps['pointBuffers']['input']) => compute.run('pointBuffers', input)), [compute]);
  const [state, setState] = useState<{ key: string; result: Resource<PointData> }>({ key: '', result: { status: 'loading' } });

  const inputsReady = metrics.status === 'ready' && proj.status === 'ready' && cleanDone;
  // The metric keys carry the run generation: a re-run rebuilds the buffers.
  const key = `${metricKeys.join(',')}|${layout}|${colorBy}|${inputsReady}`;
  useEffect(() => {
    if (!inputsReady) return;
    const ms = metrics.data;
    const slots: PointSlotInput[] = ms.map((m, i) => ({
      positions: layout === 'projection' ? { kind: 'coords', data: proj.data[i].coords, stride: proj.data[i].dims, dims: proj.data[i].dims } : { kind: 'axes', x: m.angleGt, y: m.length, z: m.logitMargin },
      color: colorSource(m, colorBy, clean[i].status === 'ready' ? clean[i].data.correct : null),
    }));
    const start = performance.now();
    let alive = true;
    run({ slots }).then(
      (out) => alive && setState({ key, result: { status: 'ready', data: { ...out, models, setId, metrics: ms, residuals: layout === 'projection' ? proj.data.map((p) => p.residual) : ms.map(() => null), buildMs: performance.now() - start } } }),
      (error) => alive && setState({ key, result: { status: 'error', error: toErrorPayload(error) as ErrorPayload } }),
    );
    return () => {
      alive = false;
    };
    // The key captures every input that changes the buffers.
  }, [key, run]);

  if (metrics.status === 'error') return metrics;
  if (proj.status === 'error') return proj;
  if (!inputsReady) return { status: 'loading' };
  return state.key === key ? state.result : { status: 'loading' };
}

function colorSource(m: SampleMetrics, colorBy: ColorBy, cleanCorrect: Uint8Array | null): ColorSource {
  if (colorBy === 'class') return { kind: 'class', labels: m.labels };
  if (colorBy.startsWith('metric:')) return { kind: 'metric', values: metricValues(m, colorBy.slice(7) as MetricKey), range: null };
  return { kind: 'category', category: m.category, correct: m.correct, cleanCorrect };
}
