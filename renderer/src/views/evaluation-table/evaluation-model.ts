// The evaluation table as data: columns (clean, each corruption, optionally its severities),
// per-cell values in the chosen mode (accuracy, Δ vs dense, CE), colours and sort order.
import type { EvaluationTable, SetRef } from '../../../../src-shared/api/result-types';
import type { TableMode } from '../../../../src-shared/api/table-modes';
import type { Rgb } from '../../../../src-shared/util/color-ramps';
import { formatCe } from '../../../../src-shared/util/format';
import type { ValueScale } from '../../../../src-shared/util/value-scales';
import { accuracyScale, ceScale, deltaScale } from '../../../../src-shared/util/value-scales';

export interface EvalColumn {
  id: string;
  label: string;
  corruption: string;
  /** null: the mean over the corruption's severities. */
  severity: number | null;
  group: SetRef['group'];
  /** Indices into `table.sets`. */
  setIndices: number[];
}

/** Clean first, then each corruption (benchmark, then extra) and, if expanded, its severities. */
export function buildColumns(sets: SetRef[], expanded: readonly string[]): EvalColumn[] {
  const columns: EvalColumn[] = [];
  const byCorruption = new Map<string, number[]>();
  sets.forEach((set, j) => {
    if (set.group === 'clean') columns.push({ id: set.id, label: 'clean', corruption: 'clean', severity: null, group: 'clean', setIndices: [j] });
    else byCorruption.set(set.corruption, [...(byCorruption.get(set.corruption) ?? []), j]);
  });
  const groups = [...byCorruption.entries()].sort(([, a], [, b]) => groupRank(sets[a[0]].group) - groupRank(sets[b[0]].group));
  for (const [corruption, indices] of groups) {
    indices.sort((a, b) => sets[a].severity - sets[b].severity);
    const group = sets[indices[0]].group;
    columns.push({ id: corruption, label: corruption.replace(/_/g, ' '), corruption, severity: null, group, setIndices: indices });
    if (expanded.includes(corruption))
      for (const j of indices) columns.push({ id: sets[j].id, label: `s${sets[j].severity}`, corruption, severity: sets[j].severity, group, setIndices: [j] });
  }
  return columns;
}

const groupRank = (g: SetRef['group']) => (g === 'clean' ? 0 : g === 'benchmark' ? 1 : 2);

export function denseIndex(table: EvaluationTable): number {
  return Math.max(0, table.models.findIndex((m) => m.role === 'dense'));
}

function meanAccuracy(table: EvaluationTable, model: number, setIndices: number[]): number {
  let sum = 0;
  let n = 0;
  for (const j of setIndices) {
    const a = table.accuracy[model * table.sets.length + j];
    if (!Number.isNaN(a)) {
      sum += a;
      n++;
    }
  }
  return n ? sum / n : NaN;
}

/** Accuracy, Δ accuracy vs dense, or corruption error (Σ errors / Σ dense errors) of one cell. */
export function cellValue(table: EvaluationTable, model: number, column: EvalColumn, mode: TableMode): number {
  const dense = denseIndex(table);
  if (mode === 'accuracy') return meanAccuracy(table, model, column.setIndices);
  if (mode === 'delta') return meanAccuracy(table, model, column.setIndices) - meanAccuracy(table, dense, column.setIndices);
  if (column.severity === null && column.group === 'benchmark') {
    const k = table.ceCorruptions.indexOf(column.corruption);
    if (k >= 0) return table.ce[model * table.ceCorruptions.length + k];
  }
  let err = 0;
  let base = 0;
  for (const j of column.setIndices) {
    const a = table.accuracy[model * table.sets.length + j];
    const d = table.accuracy[dense * table.sets.length + j];
    if (Number.isNaN(a) || Number.isNaN(d)) return NaN;
    err += 1 - a;
    base += 1 - d;
  }
  return base > 0 ? err / base : NaN;
}

/** The fixed colour scale of a table mode (the report colours accuracy through the same one). */
export function scaleOf(mode: TableMode): ValueScale {
  return mode === 'accuracy' ? accuracyScale : mode === 'delta' ? deltaScale : ceScale;
}

/** Background colour of a cell on its mode's fixed scale, or null for a missing value. */
export function cellColor(mode: TableMode, value: number): Rgb | null {
  return scaleOf(mode).color(value);
}

/** Accuracy in %, Δ in percentage points, CE in % of the dense model's error (as mCE). */
export function formatCell(mode: TableMode, value: number): string {
  if (Number.isNaN(value)) return '…';
  if (mode === 'accuracy') return (value * 100).toFixed(1);
  if (mode === 'delta') return `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)}`;
  return formatCe(value, 0);
}

export type SortKey = 'model' | 'method' | 'sparsity' | 'robust' | 'mce' | 'relmce' | string;

/** Model indices in display order. Missing values sort last in either direction; ties keep bundle order. */
export function sortModels(table: EvaluationTable, columns: EvalColumn[], mode: TableMode, sort: { key: SortKey; dir: 1 | -1 }): number[] {
  const column = columns.find((c) => c.id === sort.key);
  const keyOf = (m: number): number | string => {
    const model = table.models[m];
    switch (sort.key) {
      case 'model':
        return m;
      case 'method':
        return model.method;
      case 'sparsity':
        return model.sparsity ?? NaN;
      case 'robust':
        return table.robustAccuracy[m];
      case 'mce':
        return table.mCE[m];
      case 'relmce':
        return table.relativeMCE[m];
      default:
        return column ? cellValue(table, m, column, mode) : m;
    }
  };
  const order = table.models.map((_, m) => m);
  const keys = order.map(keyOf);
  return order.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    const na = typeof ka === 'number' && Number.isNaN(ka);
    const nb = typeof kb === 'number' && Number.isNaN(kb);
    if (na || nb) return na && nb ? a - b : na ? 1 : -1;
    const cmp = typeof ka === 'string' ? ka.localeCompare(kb as string) : (ka as number) - (kb as number);
    return cmp !== 0 ? cmp * sort.dir : a - b;
  });
}

/**
 * The non-finite flag of a cell (summed over the column's sets): samples whose logits or features
 * were NaN/±Inf, which never count as correct. Null when there are none.
 */
export function nonFiniteNote(table: EvaluationTable, model: number, column: EvalColumn): string | null {
  let logits = 0;
  let features = 0;
  for (const j of column.setIndices) {
    logits += table.nonFiniteLogits[model * table.sets.length + j];
    features += table.nonFiniteFeatures[model * table.sets.length + j];
  }
  if (logits === 0 && features === 0) return null;
  const parts = [logits > 0 ? `${logits} samples with NaN/Inf logits (counted wrong)` : '', features > 0 ? `${features} with NaN/Inf features` : ''].filter(Boolean);
  return `⚠ ${parts.join(', ')}`;
}

/** Cells computed so far / all cells. */
export function completion(table: EvaluationTable): { done: number; total: number } {
  let done = 0;
  for (const a of table.accuracy) if (!Number.isNaN(a)) done++;
  return { done, total: table.accuracy.length };
}
