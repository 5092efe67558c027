// Why a row of a redundancy correlation matrix is empty: a corruption whose vector has no
// variation (e.g. saturate on greyscale images leaves every image, hence every accuracy, as it
// was), with the reason read from the evaluation table. The app's matrix and the report's heat
// maps print the same note.
import type { EvaluationTable } from '../api/result-types';

export type CorrelationSource = 'models' | 'samples';

/** Rows (in the matrix's order) with no finite correlation at all, the diagonal included. */
export function emptyRows(matrix: ArrayLike<number>, k: number): number[] {
  const rows: number[] = [];
  for (let r = 0; r < k; r++) {
    let any = false;
    for (let c = 0; c < k && !any; c++) any = Number.isFinite(matrix[r * k + c]);
    if (!any) rows.push(r);
  }
  return rows;
}

/** Each model's accuracy drop (clean − mean over the corruption's severities), or null if any is missing. */
export function accuracyDrops(table: EvaluationTable, corruption: string): number[] | null {
  const clean = table.sets.findIndex((s) => s.id === 'clean');
  const cols = table.sets.map((s, j) => (s.corruption === corruption ? j : -1)).filter((j) => j >= 0);
  if (clean < 0 || cols.length === 0) return null;
  const n = table.sets.length;
  const drops = table.models.map((_, m) => table.accuracy[m * n + clean] - cols.reduce((sum, j) => sum + table.accuracy[m * n + j], 0) / cols.length);
  return drops.every(Number.isFinite) ? drops : null;
}

/** Why a corruption's row has no correlations: what its vector was constant at. */
export function emptyRowReason(corruption: string, source: CorrelationSource, table: EvaluationTable | null): string {
  const drops = table ? accuracyDrops(table, corruption) : null;
  const unchanged = drops !== null && drops.every((d) => Math.abs(d) < 5e-4);
  if (source === 'models') {
    if (unchanged) return 'no variation: this corruption leaves every model’s accuracy unchanged (e.g. saturate on greyscale images), so r is undefined';
    return 'no variation: every model loses the same accuracy under it, so r is undefined';
  }
  return 'no variation: every model gets every sample right (or every one wrong) under it, so r is undefined';
}
