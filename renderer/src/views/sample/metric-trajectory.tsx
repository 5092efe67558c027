// The sample's metric along clean → s1 … s5 of the current corruption, one line per shown model
// (recharts: a handful of points). Metrics per severity set are cached and shared with the 3-D paths.
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SampleMetrics } from '../../../../src-shared/api/result-types';
import { useAnalysis, useAppState, useOpenBundle, useServices } from '../../app-context';
import { useSets } from '../../components/filter-bar';
import { EmptyState } from '../../components/view-state';
import { useCachedList } from '../../data/resource';
import { classColor, css } from '../../state/color-scales';
import type { MetricKey } from '../../state/metrics';
import { scalarMetrics } from '../../state/metrics';
import { trajectoryRows } from './sample-model';

export function MetricTrajectory({ index }: { index: number }) {
  const { cache } = useServices();
  const { queries } = useOpenBundle();
  const setId = useAppState((s) => s.setId);
  const models = useAppState((s) => s.selectedModels);
  const version = useAnalysis((s) => s.version);
  const sets = useSets();
  const [metric, setMetric] = useState<MetricKey>('confidence');
  const corruption = sets.find((s) => s.id === setId)?.corruption ?? 'clean';
  const path = corruption === 'clean' ? [] : [sets.find((s) => s.id === 'clean') ?? { id: 'clean', severity: 0 }, ...sets.filter((s) => s.corruption === corruption).sort((a, b) => a.severity - b.severity)];
  const pairs = models.flatMap((m) => path.map((s) => [m, s.id] as const));
  const loaded = useCachedList<SampleMetrics>(cache, pairs.map(([m, s]) => queries.metricsKey(m, s)), (_, i) => queries.metrics(pairs[i][0], pairs[i][1]), version);
  const lookup = (m: string, s: string) => {
    const r = loaded[pairs.findIndex(([pm, ps]) => pm === m && ps === s)];
    return r?.status === 'ready' ? r.data : null;
  };
  const rows = trajectoryRows(models, path, index, metric, lookup);
  return (
    <section className="panel trajectory" aria-label="Metric over severity">
      <div className="panel-head">
        <span>Along the severities of {corruption.replace(/_/g, ' ')}</span>
        <select name="trajectory-metric" value={metric} onChange={(e) => setMetric(e.target.value as MetricKey)}>
          {scalarMetrics.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}
        </select>
      </div>
      {path.length === 0 ? (
        <EmptyState>Pick a corrupted set to see how this sample changes with severity.</EmptyState>
      ) : (
        <div className="chart-box">
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis dataKey="set" tick={{ fontSize: 11, fill: 'var(--muted)' }} />
              <YAxis tick={{ fontSize: 11, fill: 'var(--muted)' }} width={44} domain={['auto', 'auto']} />
              <Tooltip contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {models.map((m, k) => (
                <Line key={m} type="monotone" dataKey={m} stroke={css(classColor(k))} strokeWidth={k < 2 ? 2.5 : 1.2} dot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
