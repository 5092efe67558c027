// The evaluation grid as a terminal table: clean accuracy, robust accuracy, mCE per model, in the
// units the app and the report use (accuracies in %, mCE and relative mCE in % of the dense error).
import type { EvaluationTable } from '../../src-shared/api/result-types';

const pct = (x: number) => (Number.isNaN(x) ? '   —  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
/** A ratio to the dense model (1 = as dense) as a percentage, 9 wide: "    100.0", "    -20.0". */
const ratio = (x: number) => (Number.isNaN(x) ? '—' : (x * 100).toFixed(1)).padStart(9);

export function formatEvaluation(table: EvaluationTable): string {
  const cleanIndex = table.sets.findIndex((s) => s.id === 'clean');
  const width = Math.max(5, ...table.models.map((m) => m.id.length));
  const header = `${'model'.padEnd(width)}  ${'sparsity'.padStart(8)} ${'clean'.padStart(6)} ${'robust'.padStart(6)}  ${'mCE %'.padStart(9)}  ${'rel.mCE %'.padStart(9)}  ${'extra'.padStart(6)}  method`;
  const rows = table.models.map((m, i) => {
    const clean = table.accuracy[i * table.sets.length + cleanIndex];
    const sparsity = m.sparsity === null ? '    —   ' : `${(m.sparsity * 100).toFixed(1).padStart(6)}% `;
    return `${m.id.padEnd(width)}  ${sparsity} ${pct(clean)} ${pct(table.robustAccuracy[i])}  ${ratio(table.mCE[i])}  ${ratio(table.relativeMCE[i])}  ${pct(table.extraAccuracy[i])}  ${m.method}`;
  });
  return [`${table.sets.length} sets · execution provider ${table.executionProvider}`, header, ...rows].join('\n');
}
