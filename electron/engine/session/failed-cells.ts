// Cells the cache watch could not load although their shards looked complete (a shard failed its
// checksum or shape check, or could not be read): remembered with the size and mtime of each of
// their shard files, so the watch does not read them again on every pass, only once one of those
// files has changed (the damaged shard removed and rewritten by the process computing it).
import { stat } from 'node:fs/promises';
import type { ResultCache } from '../cache/result-cache';
import type { GridUnit } from '../extraction/grid-units';

const shardFiles = ['json', 'logits.npy', 'features.npy'] as const;

/** Inode, size and mtime of every file of the cell's shards ('-' for an absent one): shards are renamed into place, so a rewrite shows. */
async function filesSignature(cache: ResultCache, units: readonly GridUnit[]): Promise<string> {
  const parts = await Promise.all(
    units.flatMap((unit) =>
      shardFiles.map((suffix) =>
        stat(cache.shardFile(unit.key, unit.shard, suffix)).then(
          (info) => `${info.ino}:${info.size}:${info.mtimeMs}`,
          () => '-',
        ),
      ),
    ),
  );
  return parts.join(',');
}

export class FailedCells {
  /** Cell id → the files' signature when its load failed. */
  private readonly failed = new Map<string, string>();

  constructor(private readonly cache: ResultCache) {}

  get size(): number {
    return this.failed.size;
  }

  /** Remembers that the cell's shards did not load (call after the failed read). */
  async remember(id: string, units: readonly GridUnit[]): Promise<void> {
    this.failed.set(id, await filesSignature(this.cache, units));
  }

  /**
   * Of `cells` (id and units), the ones worth reading: never failed, or failed and some shard file
   * changed since (those are forgotten: a new failure is remembered anew). `changed` counts the latter.
   */
  async worthReading<T extends { id: string; units: readonly GridUnit[] }>(cells: readonly T[]): Promise<{ cells: T[]; changed: number }> {
    const keep = await Promise.all(
      cells.map(async (cell) => {
        const before = this.failed.get(cell.id);
        if (before === undefined) return 'new';
        if ((await filesSignature(this.cache, cell.units)) === before) return 'skip';
        this.failed.delete(cell.id);
        return 'changed';
      }),
    );
    return { cells: cells.filter((_, i) => keep[i] !== 'skip'), changed: keep.filter((k) => k === 'changed').length };
  }

  clear(): void {
    this.failed.clear();
  }
}
