// Run / Analyze: starts the analysis of the open bundle with the chosen options; shows the job.
// The Options panel closes like a menu (dismiss-details.ts).
import { useRef } from 'react';
import { allCorruptions } from '../../../src-shared/bundle/manifest';
import { useAnalysis, useAppState, useServices } from '../app-context';
import type { RunOptions } from '../state/app-state';
import { useDismissDetails } from './dismiss-details';
import { ProgressBar } from './view-state';

/** `bundleLimit`: bundle.json `limit`, what a run without a sample count uses (the engine's default too). */
export function RunPanel({ bundleLimit }: { bundleLimit: number | null }) {
  const { analysis, store } = useServices();
  const options = useAppState((s) => s.runOptions);
  const job = useAnalysis((s) => s.job);
  const eps = useAnalysis((s) => s.eps);
  const startError = useAnalysis((s) => s.startError);
  const setId = useAppState((s) => s.setId);
  const running = job?.status === 'running';
  const activeView = useAppState((s) => s.activeView);
  const optionsPanel = useRef<HTMLDetailsElement>(null);
  useDismissDetails(optionsPanel, activeView);
  const update = (patch: Partial<RunOptions>) => store.set((s) => ({ runOptions: { ...s.runOptions, ...patch } }));
  const toggle = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  return (
    <div className="run-panel">
      <button type="button" className="run-button" disabled={running} onClick={() => void analysis.start({ ...options, priority: ['clean', setId] })}>
        {running ? 'Analysing…' : 'Run analysis'}
      </button>
      <details ref={optionsPanel} className="run-options">
        <summary>
          Options <span className="muted run-summary">({options.limit ?? bundleLimit ?? 'all'} samples · corruptions: {options.corruptions.length === 0 ? 'all' : options.corruptions.length} · severities: {options.severities.length === 0 || options.severities.length === 5 ? 'all' : options.severities.join(', ')})</span>
        </summary>
        <div className="run-options-body">
          <label>
            Samples
            <input type="number" name="run-limit" min={1} placeholder={bundleLimit ? `${bundleLimit} (bundle default)` : 'all'} value={options.limit ?? ''} onChange={(e) => update({ limit: e.target.value ? Math.max(1, Math.floor(Number(e.target.value))) : null })} />
          </label>
          <label>
            Execution provider
            <select name="run-ep" value={options.ep ?? ''} onChange={(e) => update({ ep: e.target.value || null })}>
              <option value="">default{eps ? ` (${eps.default})` : ''}</option>
              {eps?.available.map((ep) => <option key={ep}>{ep}</option>)}
            </select>
          </label>
          <fieldset>
            <legend>Severities {options.severities.length === 0 ? '(none ticked: all)' : ''}</legend>
            {[1, 2, 3, 4, 5].map((s) => (
              <label key={s} className="check">
                <input type="checkbox" name={`severity-${s}`} checked={options.severities.includes(s)} onChange={() => update({ severities: toggle(options.severities, s).sort() })} />
                {s}
              </label>
            ))}
          </fieldset>
          <fieldset className="corruption-choices">
            <legend>Corruptions: {options.corruptions.length === 0 ? 'all (none ticked)' : `${options.corruptions.length} ticked`}</legend>
            {allCorruptions.map((c) => (
              <label key={c} className="check">
                <input type="checkbox" name={`corruption-${c}`} checked={options.corruptions.includes(c)} onChange={() => update({ corruptions: toggle(options.corruptions, c) })} />
                {c.replace(/_/g, ' ')}
              </label>
            ))}
          </fieldset>
        </div>
      </details>
      {job && <JobStatus />}
      {!running && <CacheStatus />}
      {startError && (
        <span className="view-error inline" role="alert" data-error-code={startError.code}>
          {startError.message}
        </span>
      )}
    </div>
  );
}

/** What the cache holds of the grid while no local run is active (a Slurm array may be filling it). */
function CacheStatus() {
  const cache = useAnalysis((s) => s.cache);
  if (!cache || (cache.byOthers === 0 && cache.cells === cache.total)) return null;
  const filling = cache.cells < cache.total ? ' · watching for more' : '';
  return (
    <span className="job-label cache-status" data-cache-cells={cache.cells} data-cache-total={cache.total}>
      {cache.cells} of {cache.total} cells in cache{cache.byOthers > 0 ? ` (${cache.byOthers} filled by another process or an earlier run)` : ''}{filling}
    </span>
  );
}

function JobStatus() {
  const { analysis } = useServices();
  const job = useAnalysis((s) => s.job)!;
  const ep = useAnalysis((s) => s.executionProvider);
  const running = job.status === 'running';
  const eta = job.etaSeconds !== null && running ? ` · ETA ${Math.ceil(job.etaSeconds)} s` : '';
  return (
    <div className="job-status" data-job-status={job.status}>
      <ProgressBar done={job.done} total={job.total} label={`${job.label} ${job.done}/${job.total}`} />
      <span className="job-label">
        {running ? `${job.label} · ${job.done}/${job.total}${eta}` : `${job.status}${job.message ? `: ${job.message}` : ''}`}
        {ep ? ` · EP ${ep}` : ''}
      </span>
      {running && (
        <button type="button" className="secondary" onClick={() => void analysis.cancel()}>
          Cancel
        </button>
      )}
    </div>
  );
}
