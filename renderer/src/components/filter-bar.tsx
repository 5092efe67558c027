// The shared filter: current set, category chips (with counts), class, brushed metric ranges,
// a search box (`/`), and the filtered list with previous / next.
import { useRef, useState } from 'react';
import type { SetRef } from '../../../src-shared/api/result-types';
import { useAnalysis, useAppState, useDerived, useOpenBundle, useServices } from '../app-context';
import { focusSample, setCurrentSet, setMetricFilter, stepFocus, toggleCategory, clearFilters } from '../state/actions';
import { categoryCss, categoryNames } from '../state/categories';
import type { MetricKey } from '../state/metrics';
import { metricLabel } from '../state/metrics';
import { searchOutcome } from '../state/visible-selection';

export function useSets(): SetRef[] {
  const evaluation = useAnalysis((s) => s.evaluation);
  return evaluation.status === 'ready' ? evaluation.data.sets : [{ id: 'clean', corruption: 'clean', severity: 0, group: 'clean' }];
}

export function filterDescription(categories: number[], setId: string, model: string | null): string {
  const what = categories.length ? categories.map((c) => categoryNames[c]).join(' or ') : 'all samples';
  return `${what} under ${setId}${model ? ` (${model})` : ''}`;
}

export function FilterBar() {
  const { store } = useServices();
  const { bundle } = useOpenBundle();
  const sets = useSets();
  const setId = useAppState((s) => s.setId);
  const categoryFilter = useAppState((s) => s.categoryFilter);
  const classFilter = useAppState((s) => s.classFilter);
  const metricFilters = useAppState((s) => s.metricFilters);
  const focus = useAppState((s) => s.focusSample);
  const derived = useDerived((s) => s);
  const search = useRef<HTMLInputElement>(null);
  const [searchNote, setSearchNote] = useState<string | null>(null);
  const counts = derived.categoryCounts;
  const current = sets.find((s) => s.id === setId) ?? sets[0];
  const corruptions = [...new Set(sets.map((s) => s.corruption))];
  const severities = sets.filter((s) => s.corruption === current?.corruption && s.severity > 0).map((s) => s.severity);
  const pickCorruption = (c: string) => {
    const options = sets.filter((s) => s.corruption === c);
    const same = options.find((s) => s.severity === current?.severity);
    setCurrentSet(store, (same ?? options[Math.floor(options.length / 2)] ?? options[0]).id);
  };
  // A search never focuses a sample the filter hides: it says so instead.
  const onSearch = (text: string) => {
    const outcome = searchOutcome(text, bundle.classes, derived.status === 'ready' ? derived.indices : null, derived.status === 'ready' ? derived.metrics?.count ?? null : null);
    setSearchNote(outcome.kind === 'message' ? outcome.message : null);
    if (outcome.kind === 'focus') focusSample(store, outcome.index);
    else if (outcome.kind === 'class') store.set({ classFilter: outcome.classIndex });
  };
  const position = focus === null ? -1 : derived.indices.indexOf(focus);
  return (
    <div className="filter-bar" role="toolbar" aria-label="Filters">
      <label>
        Set
        <select name="set-corruption" value={current?.corruption ?? 'clean'} onChange={(e) => pickCorruption(e.target.value)}>
          {corruptions.map((c) => <option key={c} value={c}>{c.replace(/_/g, ' ')}</option>)}
        </select>
        {severities.length > 0 && (
          <select name="set-severity" aria-label="Severity" value={current.severity} onChange={(e) => setCurrentSet(store, `${current.corruption}-s${e.target.value}`)}>
            {severities.map((s) => <option key={s} value={s}>s{s}</option>)}
          </select>
        )}
      </label>
      <div className="category-chips" role="group" aria-label="Categories">
        {categoryNames.map((name, code) => (
          <button key={name} type="button" className={`chip small${categoryFilter.includes(code) ? ' on' : ''}`} aria-pressed={categoryFilter.includes(code)} data-category={name} onClick={() => toggleCategory(store, code)}>
            <span className="swatch" style={{ background: categoryCss[code] }} />
            {name}
            {counts ? <span className="count">{counts[code]}</span> : null}
          </button>
        ))}
      </div>
      <select name="class-filter" aria-label="Class" value={classFilter ?? ''} onChange={(e) => store.set({ classFilter: e.target.value === '' ? null : Number(e.target.value) })}>
        <option value="">all classes</option>
        {bundle.classes.map((c, i) => <option key={c} value={i}>{c}</option>)}
      </select>
      {Object.entries(metricFilters).map(([key, range]) => (
        <button key={key} type="button" className="chip small on" data-metric-filter={key} title="Remove this range" onClick={() => setMetricFilter(store, key as MetricKey, null)}>
          {metricLabel(key as MetricKey, bundle.classes)} {range!.lo.toFixed(2)}–{range!.hi.toFixed(2)} ×
        </button>
      ))}
      <input ref={search} id="sample-search" type="search" placeholder="/ sample # or class" onKeyDown={(e) => e.key === 'Enter' && onSearch(e.currentTarget.value)} onInput={() => setSearchNote(null)} />
      {searchNote && <span className="search-note" role="status">{searchNote}</span>}
      <span className="filter-count" data-filter-count={derived.indices.length} title={filterDescription(categoryFilter, setId, derived.focusModel)}>
        {derived.status === 'ready' ? `${derived.indices.length} of ${derived.metrics?.count ?? 0}` : derived.status === 'loading' ? '…' : '—'}
        {position >= 0 ? ` · at ${position + 1}` : ''}
      </span>
      <button type="button" className="secondary" aria-label="Previous sample" onClick={() => stepFocus(store, derived.indices, -1)} disabled={derived.indices.length === 0}>
        ‹
      </button>
      <button type="button" className="secondary" aria-label="Next sample" onClick={() => stepFocus(store, derived.indices, 1)} disabled={derived.indices.length === 0}>
        ›
      </button>
      {(categoryFilter.length > 0 || classFilter !== null || Object.keys(metricFilters).length > 0) && (
        <button type="button" className="link" onClick={() => clearFilters(store)}>
          Clear filters
        </button>
      )}
    </div>
  );
}
