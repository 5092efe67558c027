// The evaluation grid as a terminal table: clean accuracy, robust accuracy, mCE per model.
import type { EvaluationTable } from '../../src-shared/api/result-types';

const pct = (x: number) => (Number.isNaN(x) ? '   —  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const num = (x: number) => (Number.isNaN(x) ? '  —  ' : x.toFixed(3).padStart(5));

export function formatEvaluation(table: EvaluationTable): string {
  const cleanIndex = table.sets.findIndex((s) => s.id === 'clean');
  const width = Math.max(5, ...table.models.map((m) => m.id.length));
  const header = `${'model'.padEnd(width)}  sparsity   clean  robust    mCE  rel.mCE  extra   method`;
  const rows = table.models.map((m, i) => {
    const clean = table.accuracy[i * table.sets.length + cleanIndex];
    const sparsity = m.sparsity === null ? '    —   ' : `${(m.sparsity * 100).toFixed(1).padStart(6)}% `;
    return `${m.id.padEnd(width)}  ${sparsity} ${pct(clean)} ${pct(table.robustAccuracy[i])}  ${num(table.mCE[i])}  ${num(table.relativeMCE[i])}  ${pct(table.extraAccuracy[i])}  ${m.method}`;
  });
  return [`${table.sets.length} sets · execution provider ${table.executionProvider}`, header, ...rows].join('\n');
}
