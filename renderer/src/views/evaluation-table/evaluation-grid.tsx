// The table itself: sortable headers, expandable corruption groups, coloured cells.
import { useMemo } from 'react';
import type { EvaluationTable } from '../../../../src-shared/api/result-types';
import { useAppState, useServices } from '../../app-context';
import { focusModelOf, selectCell } from '../../state/actions';
import type { GlossaryTerm } from '../../../../src-shared/analysis/glossary';
import { css, textOn } from '../../../../src-shared/util/color-ramps';
import { formatCe } from '../../../../src-shared/util/format';
import { Term } from '../../components/term';
import { useMethodHighlight } from '../../use-method-highlight';
import type { EvalColumn, SortKey } from './evaluation-model';
import { cellColor, cellValue, denseIndex, formatCell, nonFiniteNote, sortModels } from './evaluation-model';

const fixedColumns: { key: SortKey; label: string; num: boolean; term?: GlossaryTerm }[] = [
  { key: 'model', label: 'Model', num: false },
  { key: 'method', label: 'Method', num: false },
  { key: 'sparsity', label: 'Sparsity', num: true, term: 'sparsity' },
  { key: 'robust', label: 'Robust acc. %', num: true, term: 'robustAccuracy' },
  { key: 'mce', label: 'mCE %', num: true, term: 'mce' },
  { key: 'relmce', label: 'rel. mCE %', num: true, term: 'relativeMce' },
];

export function EvaluationGrid({ table, columns }: { table: EvaluationTable; columns: EvalColumn[] }) {
  const { store } = useServices();
  const mode = useAppState((s) => s.tableMode);
  const sort = useAppState((s) => s.tableSort);
  const expanded = useAppState((s) => s.expandedCorruptions);
  const setId = useAppState((s) => s.setId);
  const focusModel = useAppState(focusModelOf);
  const highlight = useMethodHighlight();
  const order = useMemo(() => sortModels(table, columns, mode, sort), [table, columns, mode, sort]);
  const dense = denseIndex(table);
  const currentSeverity = table.sets.find((s) => s.id === setId)?.severity ?? 3;

  const sortBy = (key: SortKey) => store.set((s) => ({ tableSort: { key, dir: s.tableSort.key === key ? (-s.tableSort.dir as 1 | -1) : key === 'model' || key === 'method' ? 1 : -1 } }));
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined);
  const toggleExpand = (c: string) => store.set((s) => ({ expandedCorruptions: s.expandedCorruptions.includes(c) ? s.expandedCorruptions.filter((x) => x !== c) : [...s.expandedCorruptions, c] }));
  const setOfColumn = (column: EvalColumn) => {
    const sets = column.setIndices.map((j) => table.sets[j]);
    return (sets.find((s) => s.severity === currentSeverity) ?? sets[Math.floor(sets.length / 2)]).id;
  };

  return (
    <div className="table-scroll">
      <table className="evaluation-table" aria-label="Evaluation">
        <thead>
          <tr>
            {fixedColumns.map((c) => (
              <th key={c.key} className={`${c.num ? 'num sortable' : 'sortable'}${c.key === 'model' ? ' pinned' : ''}`} data-column={c.key} aria-sort={ariaSort(c.key)} onClick={() => sortBy(c.key)}>
                {c.term ? <Term term={c.term}>{c.label}</Term> : c.label}
                {sort.key === c.key ? (sort.dir === 1 ? ' ↑' : ' ↓') : ''}
              </th>
            ))}
            {columns.map((c) => (
              <th key={c.id} className={`num sortable set-col${c.severity !== null ? ' severity' : ''}`} data-column={c.id} aria-sort={ariaSort(c.id)} onClick={() => sortBy(c.id)} title={c.group === 'extra' ? 'extra corruption (not in mCE)' : undefined}>
                {c.severity === null && c.corruption !== 'clean' && (
                  <span
                    className="expander"
                    role="button"
                    aria-label={`${expanded.includes(c.corruption) ? 'Collapse' : 'Expand'} ${c.corruption} severities`}
                    onClick={(e) => {
                      e.stopPropagation();
                      toggleExpand(c.corruption);
                    }}
                  >
                    {expanded.includes(c.corruption) ? '▾' : '▸'}
                  </span>
                )}
                {c.label}
                {sort.key === c.id ? (sort.dir === 1 ? ' ↑' : ' ↓') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {order.map((m) => {
            const model = table.models[m];
            return (
              <tr key={model.id} data-eval-model={model.id} data-highlight={highlight(model.id)} className={model.id === focusModel ? 'focus-row' : undefined}>
                <td className="model-id pinned">{model.id}{m === dense ? ' (base)' : ''}</td>
                <td className="method" title={model.method}>{model.method}</td>
                <td className="num">{model.sparsity === null ? '—' : `${(model.sparsity * 100).toFixed(0)} %`}</td>
                <td className="num">{Number.isNaN(table.robustAccuracy[m]) ? '…' : (table.robustAccuracy[m] * 100).toFixed(1)}</td>
                <td className="num" data-mce={model.id}>{Number.isNaN(table.mCE[m]) ? '…' : formatCe(table.mCE[m])}</td>
                <td className="num">{Number.isNaN(table.relativeMCE[m]) ? '…' : formatCe(table.relativeMCE[m])}</td>
                {columns.map((c) => {
                  const value = cellValue(table, m, c, mode);
                  const color = cellColor(mode, value);
                  const active = model.id === focusModel && c.setIndices.some((j) => table.sets[j].id === setId);
                  const flag = nonFiniteNote(table, m, c);
                  return (
                    <td
                      key={c.id}
                      className={`num cell${active ? ' active' : ''}${Number.isNaN(value) ? ' pending' : ''}${flag ? ' non-finite' : ''}`}
                      data-model={model.id}
                      data-column={c.id}
                      style={color ? { background: css(color), color: textOn(color) } : undefined}
                      title={`${model.id} · ${c.severity === null ? c.label : c.id}${flag ? `\n${flag}` : ''}`}
                      onClick={() => selectCell(store, model.id, setOfColumn(c), table.models[dense]?.id ?? null)}
                    >
                      {formatCell(mode, value)}
                      {flag && <span className="non-finite-flag" aria-label={flag}> ⚠</span>}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
