// One small checksummed file per grid (the cells of a bundle's plan: models × sets × samples)
// listing, for each cell found in the cache, its cache key and what the evaluation table shows of
// it (counts, execution provider, non-finite counts: cell-metrics-store.ts's summary, without the
// per-sample arrays, which are read from the cell's own file on demand). Reopening a bundle reads
// this one file instead of one metrics file per cell. Keyed by every cell key of the grid and the
// sample count, so a changed model, data file or grid is another index; a damaged one reads as null.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { CELL_METRICS_VERSION, cellMetricsPath, validCellSummary } from './cell-metrics-store';
import type { CellSummary } from './cell-metrics-store';
import { readChecked, writeChecked } from './checked-file';

/** Bump when what an index holds changes: old indexes are then ignored. */
export const GRID_INDEX_VERSION = 1;

const MAGIC = 0x58494750; // 'PGIX'

/** The index key of a grid: its cell keys (any order) and sample count. */
export function gridIndexKey(cellKeys: readonly string[], count: number): string {
  return createHash('sha256').update(JSON.stringify([CELL_METRICS_VERSION, count, [...cellKeys].sort()])).digest('hex').slice(0, 40);
}

export function gridIndexPath(cacheRoot: string, gridKey: string): string {
  return path.join(cacheRoot, `grid-index-v${GRID_INDEX_VERSION}`, gridKey.slice(0, 2), `${gridKey}.index`);
}

/** The grid's indexed cells by cell key, or null when there is no intact index for this grid. */
export async function readGridIndex(cacheRoot: string, gridKey: string, count: number): Promise<Map<string, CellSummary> | null> {
  const content = await readChecked(gridIndexPath(cacheRoot, gridKey), MAGIC, GRID_INDEX_VERSION);
  if (!content || content.header.grid !== gridKey || !Array.isArray(content.header.cells)) return null;
  const cells = new Map<string, CellSummary>();
  for (const entry of content.header.cells as { key: string; cell: CellSummary }[]) {
    if (typeof entry?.key !== 'string' || !entry.cell || !validCellSummary(entry.cell, count)) return null;
    cells.set(entry.key, entry.cell);
  }
  return cells;
}

export function writeGridIndex(cacheRoot: string, gridKey: string, cells: ReadonlyMap<string, CellSummary>): Promise<void> {
  const list = [...cells].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, c]) => ({
    key,
    cell: { count: c.count, correct: c.correct, classes: c.classes, executionProvider: c.executionProvider, nonFinite: { logits: c.nonFinite.logits, features: c.nonFinite.features } },
  }));
  return writeChecked(gridIndexPath(cacheRoot, gridKey), MAGIC, GRID_INDEX_VERSION, { header: { grid: gridKey, cells: list }, sections: [] });
}

/**
 * Forgets that a cell is complete: its metrics file and every grid index (indexes are rebuilt from
 * metrics files on the next reopen). For a cell whose shards turned out missing or damaged when
 * read, so that the next run reads (and recomputes) its shards instead of trusting the summary.
 */
export async function forgetCompleteCell(cacheRoot: string, key: string): Promise<void> {
  await rm(cellMetricsPath(cacheRoot, key), { force: true });
  await rm(path.join(cacheRoot, `grid-index-v${GRID_INDEX_VERSION}`), { recursive: true, force: true });
}
