// Above the evaluation table: the signs that the results are probably wrong (dense model near
// chance or far below a trained baseline, below bundle.json's expectedAccuracy, collapsed
// predictions, non-finite outputs), from the same rules as `analyze` and the report.
import { useMemo } from 'react';
import { sanityModelsOf, sanityWarnings } from '../../../../src-shared/findings/sanity-warnings';
import type { EvaluationTable, SampleMetrics } from '../../../../src-shared/api/result-types';
import { useAnalysis, useOpenBundle, useServices } from '../../app-context';
import { useCached } from '../../data/resource';

export function SanityBanner({ table }: { table: EvaluationTable }) {
  const { cache } = useServices();
  const { bundle, queries } = useOpenBundle();
  const version = useAnalysis((s) => s.version);
  const dense = table.models.find((m) => m.role === 'dense');
  const cleanIndex = table.sets.findIndex((s) => s.id === 'clean');
  const denseRow = dense ? table.models.indexOf(dense) : -1;
  const denseDone = denseRow >= 0 && cleanIndex >= 0 && Number.isFinite(table.accuracy[denseRow * table.sets.length + cleanIndex]);
  const key = dense && denseDone ? queries.metricsKey(dense.id, 'clean') : null;
  const metrics = useCached<SampleMetrics>(cache, key, () => queries.metrics(dense!.id, 'clean'), version);
  const warnings = useMemo(() => {
    if (metrics.status !== 'ready' || !dense) return [];
    const m = metrics.data;
    const clean = { [dense.id]: { pred: m.pred, labels: m.labels, ...(m.nonFinite ? { nonFinite: m.nonFinite } : {}) } };
    return sanityWarnings(sanityModelsOf(table, bundle, m.count, clean), bundle.classes, { guessed: bundle.normalisationGuessed });
  }, [metrics, table, bundle, dense]);
  if (warnings.length === 0) return null;
  return (
    <div className="sanity-banner" role="alert" data-testid="sanity-banner">
      <strong>Check these results before reading on.</strong>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.kind}|${w.modelId}`} data-kind={w.kind}>
            {w.message} <span className="causes">Likely causes: {w.causes.join('; ')}.</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
