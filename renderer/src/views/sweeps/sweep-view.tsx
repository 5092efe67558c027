// The sparsity-sweep view: per method, a metric against sparsity (or remaining parameters /
// effective MACs) with bootstrap bands and breaking points for a user-set tolerance, and the
// feature geometry along the sweep on the clean set and a chosen corrupted set. Clicking a point
// makes that model B against the dense model (as an evaluation-table click does); hovering a
// line, its legend entry or its breaking point highlights that method here and in every other view
// (the shared highlighted method, cleared when the view closes).
import { useEffect, useMemo, useState } from 'react';
import { fillSweepStats, sweepXAxes } from '../../../../src-shared/analysis/sweep-groups';
import type { SweepXAxis } from '../../../../src-shared/analysis/sweep-groups';
import { sweepMetrics } from '../../../../src-shared/analysis/sweep-types';
import type { SweepAnalysis, SweepMetricKey } from '../../../../src-shared/analysis/sweep-types';
import { useAnalysis, useAppState, useOpenBundle, useServices } from '../../app-context';
import { useSets } from '../../components/filter-bar';
import { ResourceView } from '../../components/view-state';
import { useCached } from '../../data/resource';
import { pairOf, selectCell } from '../../state/actions';
import { highlightMethod } from '../../state/method-highlight';
import { SweepChart } from './sweep-chart';
import { sweepLines } from './sweep-model';
import type { SweepLine } from './sweep-model';

const accuracyMetrics = sweepMetrics.filter((m) => m.group === 'accuracy');
const geometryMetrics = sweepMetrics.filter((m) => m.group === 'geometry');

export function SweepView() {
  const { api, cache } = useServices();
  const { bundle } = useOpenBundle();
  const ready = useAnalysis((s) => s.readyVersion);
  const version = useAnalysis((s) => s.version);
  const sets = useSets();
  const [shiftedSet, setShiftedSet] = useState<string | null>(null);
  const resource = useCached(cache, `sweeps|${bundle.dir}|${ready}|${shiftedSet ?? ''}`, () => api.getSweeps({ path: bundle.dir, ...(shiftedSet ? { shiftedSet } : {}) }), version);
  const corrupted = sets.filter((s) => s.corruption !== 'clean');
  return (
    <div className="view sweep-view">
      <ResourceView resource={resource} what="the sparsity sweeps" empty="Sparsity sweeps need the analysis: press Run analysis.">
        {(result) =>
          result.sweeps.length === 0 ? (
            <p className="view-empty">No sparsity sweep in this bundle: a sweep needs one method (or one <code>sweep</code> name in bundle.json) at two or more sparsities.</p>
          ) : (
            <SweepPanels result={result} corrupted={corrupted.map((s) => s.id)} shiftedSet={result.shiftedSet} onShifted={setShiftedSet} />
          )
        }
      </ResourceView>
    </div>
  );
}

function SweepPanels({ result, corrupted, shiftedSet, onShifted }: { result: SweepAnalysis; corrupted: string[]; shiftedSet: string | null; onShifted(id: string): void }) {
  const { store } = useServices();
  const { bundle } = useOpenBundle();
  const models = useAppState((s) => s.selectedModels);
  const selected = useMemo(() => pairOf({ selectedModels: models }).filter((m): m is string => m !== null), [models]);
  const [metric, setMetric] = useState<SweepMetricKey>('robustAccuracy');
  const [geometry, setGeometry] = useState<SweepMetricKey>('clean.angleGt');
  const [axis, setAxis] = useState<SweepXAxis>('sparsity');
  const [tolerancePoints, setTolerancePoints] = useState(1);
  const hovered = useAppState((s) => s.highlightedMethod);
  const setHovered = (key: string | null) => highlightMethod(store, key);
  useEffect(() => () => highlightMethod(store, null), [store]);
  const sweeps = useMemo(() => fillSweepStats(result.sweeps, bundle.models), [result, bundle]);
  const tolerance = Math.max(0, tolerancePoints) / 100;
  const lines = useMemo(() => sweepLines(sweeps, metric, axis, tolerance), [sweeps, metric, axis, tolerance]);
  const geometryLines = useMemo(() => sweepLines(sweeps, geometry, axis, tolerance), [sweeps, geometry, axis, tolerance]);
  const dense = bundle.models.find((m) => m.role === 'dense')?.id ?? null;
  const setId = useAppState((s) => s.setId);
  const select = (modelId: string) => selectCell(store, modelId, setId, dense);
  const label = (key: SweepMetricKey) => sweepMetrics.find((m) => m.key === key)!.label;
  return (
    <>
      <div className="view-toolbar">
        <label>
          Metric{' '}
          <select name="sweep-metric" value={metric} onChange={(e) => setMetric(e.target.value as SweepMetricKey)}>
            {accuracyMetrics.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}
          </select>
        </label>
        <label>
          x-axis{' '}
          <select name="sweep-axis" value={axis} onChange={(e) => setAxis(e.target.value as SweepXAxis)}>
            {sweepXAxes.map((a) => <option key={a.key} value={a.key}>{a.label}</option>)}
          </select>
        </label>
        <label title="Breaking point: the largest sparsity up to which robust accuracy stays within this many points of dense">
          Tolerance{' '}
          <input name="sweep-tolerance" type="number" min={0} max={100} step={0.5} value={tolerancePoints} onChange={(e) => setTolerancePoints(Number(e.target.value))} style={{ width: 56 }} /> points
        </label>
        <span className="muted">Bands: {Math.round(result.confidence * 100)} % bootstrap over {result.samples} samples ({result.resamples} resamples, seed {result.seed}). Click a point to select that model.</span>
      </div>
      <BreakingPoints lines={lines} hovered={hovered} onHover={setHovered} />
      <SweepChart lines={lines} metric={metric} axis={axis} label={label(metric)} selected={selected} onSelect={select} hovered={hovered} onHover={setHovered} />
      <section className="panel sweep-geometry" aria-label="Geometry along the sweeps">
        <div className="panel-head">
          <span>Geometry along the sweeps</span>
          <span>
            <select name="sweep-geometry-metric" value={geometry} onChange={(e) => setGeometry(e.target.value as SweepMetricKey)}>
              {geometryMetrics.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}
            </select>{' '}
            <label>
              corrupted set{' '}
              <select name="sweep-shifted-set" value={shiftedSet ?? ''} onChange={(e) => onShifted(e.target.value)} disabled={corrupted.length === 0}>
                {corrupted.map((id) => <option key={id} value={id}>{id}</option>)}
              </select>
            </label>
          </span>
        </div>
        <SweepChart lines={geometryLines} metric={geometry} axis={axis} label={label(geometry)} selected={selected} onSelect={select} hovered={hovered} onHover={setHovered} height={240} />
      </section>
    </>
  );
}

function BreakingPoints({ lines, hovered, onHover }: { lines: SweepLine[]; hovered: string | null; onHover(key: string | null): void }) {
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const sparsity = (s: number) => `${Number((s * 100).toFixed(1))} %`;
  return (
    <ul className="sweep-breaking" aria-label="Breaking points">
      {lines.map((l) => {
        const b = l.breaking;
        return (
          <li key={l.key} data-sweep={l.key} className={hovered === l.key ? 'hot' : undefined} onMouseEnter={() => onHover(l.key)} onMouseLeave={() => onHover(null)}>
            <b>{l.key}</b>{' '}
            {b.keptUpTo
              ? `keeps robustness up to ${sparsity(b.keptUpTo.sparsity)}${b.firstBreak ? `, breaks at ${sparsity(b.firstBreak.sparsity)} (${pct(b.firstBreak.robustAccuracy)} vs dense ${pct(b.denseRobustAccuracy)})` : ' (every level)'}`
              : `breaks before ${sparsity(b.firstBreak!.sparsity)} (${pct(b.firstBreak!.robustAccuracy)} vs dense ${pct(b.denseRobustAccuracy)})`}
          </li>
        );
      })}
    </ul>
  );
}
