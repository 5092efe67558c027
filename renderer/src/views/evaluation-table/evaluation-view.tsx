// View 1: models × corruptions, filling in live as cells finish; a click picks model + set.
import { useMemo } from 'react';
import { useAnalysis, useAppState, useServices } from '../../app-context';
import { EmptyState, LoadingState, ResourceView } from '../../components/view-state';
import { tableModes } from '../../../../src-shared/api/table-modes';
import type { TableMode } from '../../../../src-shared/api/table-modes';
import { ColorLegend } from '../../components/color-legend';
import { Term } from '../../components/term';
import { buildColumns, completion, scaleOf } from './evaluation-model';
import { EvaluationGrid } from './evaluation-grid';
import { SanityBanner } from './sanity-banner';

// Keyed by TableMode: a mode added to tableModes fails to compile here until it has a label and a glossary term.
const modeLabels: Record<TableMode, string> = { accuracy: 'Accuracy %', delta: 'Δ vs dense (pp)', ce: 'CE %' };
const modes = tableModes.map((mode) => ({ mode, label: modeLabels[mode] }));
const modeTerms = { accuracy: 'accuracy', delta: 'delta', ce: 'ce' } as const satisfies Record<TableMode, string>;

export function EvaluationView() {
  const { store } = useServices();
  const evaluation = useAnalysis((s) => s.evaluation);
  const mode = useAppState((s) => s.tableMode);
  const expanded = useAppState((s) => s.expandedCorruptions);
  const running = useAnalysis((s) => s.job?.status === 'running');
  const columns = useMemo(() => (evaluation.status === 'ready' ? buildColumns(evaluation.data.sets, expanded) : []), [evaluation, expanded]);
  return (
    <div className="view evaluation-view">
      <div className="view-toolbar">
        <div className="segmented" role="radiogroup" aria-label="Cell values">
          {modes.map((m) => (
            <button key={m.mode} type="button" role="radio" aria-checked={mode === m.mode} className={mode === m.mode ? 'on' : ''} onClick={() => store.set({ tableMode: m.mode })}>
              {m.label}
            </button>
          ))}
        </div>
        {evaluation.status === 'ready' && <CompletionNote />}
        <span className="muted">Click a cell to look at that model on that set; ▸ expands severities.</span>
      </div>
      <div className="view-toolbar legend-row">
        <span>
          Cells: <Term term={modeTerms[mode]} />
        </span>
        <ColorLegend scale={scaleOf(mode)} />
      </div>
      <ResourceView resource={evaluation} what="the evaluation table" empty="No results yet: press Run analysis.">
        {(table) =>
          completion(table).done > 0 ? (
            <>
              <SanityBanner table={table} />
              <EvaluationGrid table={table} columns={columns} />
            </>
          ) : running ? (
            <LoadingState what="the first results" />
          ) : (
            <EmptyState>No results yet: press Run analysis (Options: how many samples, which corruptions and severities).</EmptyState>
          )
        }
      </ResourceView>
    </div>
  );
}

function CompletionNote() {
  const evaluation = useAnalysis((s) => s.evaluation);
  if (evaluation.status !== 'ready') return null;
  const { done, total } = completion(evaluation.data);
  return (
    <span className="completion" data-cells-done={done} data-cells-total={total}>
      {done}/{total} cells
    </span>
  );
}
