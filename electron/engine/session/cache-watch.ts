// Watches the cache for cells that other processes write (a Slurm array, `extract --shard`) while
// a bundle is open and no local run is active. Each pass looks only at the metadata of the shards
// still missing (grid-units.ts unitDone); a model × set cell whose shards are all there is loaded
// in cache-only mode (read and checksum-verified, never computed) and reported like a computed
// one; one that fails to load is not read again until its shard files change (failed-cells.ts).
// Polls on an unref'd timer until the grid is complete or the watch is stopped, backing off while
// passes find nothing new (at once after a failed local run: its grid may never complete).
import type { CellDone, ExtractionPlan } from '../extraction/extraction-plan';
import { runExtraction } from '../extraction/extract-run';
import { gridUnits, missingUnits } from '../extraction/grid-units';
import type { GridUnit } from '../extraction/grid-units';
import type { ResultCache } from '../cache/result-cache';
import { readCellMetrics } from '../cache/cell-metrics-store';
import type { CellSummary } from '../cache/cell-metrics-store';
import { gridIndexKey, readGridIndex, writeGridIndex } from '../cache/grid-index';
import type { WorkerPool } from '../workers/worker-pool';
import { FailedCells } from './failed-cells';

export interface CacheCount {
  /** Cells of the grid known (loaded or computed), of `total`; `byOthers`: loaded by this watch. */
  cells: number;
  total: number;
  byOthers: number;
}

export interface WatchTarget {
  cache: ResultCache;
  /** Never used for work (cache-only), but the extraction hooks name it. */
  pool: WorkerPool;
  /** The grid to watch (the session's current plan). */
  plan(): Promise<ExtractionPlan>;
  /** Whether the session already has this cell (computed by a local run or loaded before). */
  has(modelId: string, setId: string): boolean;
  onCell(cell: CellDone, plan: ExtractionPlan): void;
  onCount(count: CacheCount): void;
  /** The whole grid is in the cache; called once per watch, only if this watch loaded something. */
  onComplete(): void;
  onWarning(message: string): void;
}

/** Minimum poll interval: a shared filesystem is not asked more often than this. */
export const MIN_CACHE_POLL_MS = 2000;
/** Longest wait between the passes of a watch that keeps finding nothing new. */
export const MAX_CACHE_POLL_MS = 60_000;
/** Passes finding nothing new (about a minute at the minimum interval) before the interval starts doubling. */
export const IDLE_PASSES_BEFORE_BACKOFF = 30;

const cellId = (modelId: string, setId: string) => `${modelId}\u0000${setId}`;

export class CacheWatch {
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<CacheCount> | null = null;
  /** Shards seen complete (their meta is written last and never rewritten in place). */
  private readonly doneUnits = new Set<GridUnit>();
  /** The grid of the last pass, by cell (rebuilt only when the session's plan changes). */
  private grid: { plan: ExtractionPlan; byCell: Map<string, GridUnit[]> } | null = null;
  /** The grid's index (cache/grid-index.ts): its key and the cells it lists, read once per grid. */
  private index: { key: string; cells: Map<string, CellSummary> } | null = null;
  private byOthers = 0;
  private loadedAny = false;
  private completed = false;
  /** Passes in a row that found nothing new (no shard, no cell, no changed file of a failed cell). */
  private idlePasses = 0;
  private readonly failed: FailedCells;

  constructor(
    private readonly target: WatchTarget,
    readonly intervalMs = MIN_CACHE_POLL_MS,
    /** Idle passes before backing off (0: from the first, e.g. after a failed local run). */
    readonly patience = IDLE_PASSES_BEFORE_BACKOFF,
  ) {
    this.failed = new FailedCells(target.cache);
  }

  /** The wait before the next pass: the interval, doubled per idle pass beyond `patience`, at most MAX_CACHE_POLL_MS. */
  get nextDelayMs(): number {
    const base = Math.max(MIN_CACHE_POLL_MS, this.intervalMs);
    const over = this.idlePasses - this.patience;
    return over <= 0 ? base : Math.min(MAX_CACHE_POLL_MS, base * 2 ** Math.min(over, 16));
  }

  get active(): boolean {
    return !this.stopped && !this.completed;
  }

  /** One pass (shared by concurrent callers): loads the cells now complete in the cache. */
  sync(): Promise<CacheCount> {
    this.pass ??= this.runPass().finally(() => (this.pass = null));
    return this.pass;
  }

  /** Polls until the grid is complete or stop() is called. */
  start(): void {
    if (this.stopped || this.completed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sync()
        .catch((error: unknown) => this.target.onWarning(`Watching the cache: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.start());
    }, this.nextDelayMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async runPass(): Promise<CacheCount> {
    const plan = await this.target.plan();
    if (this.grid?.plan !== plan) {
      const byCell = new Map<string, GridUnit[]>();
      for (const unit of gridUnits(plan)) {
        const id = cellId(unit.model.id, unit.set.id);
        if (!byCell.has(id)) byCell.set(id, []);
        byCell.get(id)!.push(unit);
      }
      this.grid = { plan, byCell };
      this.doneUnits.clear();
      this.index = null;
      this.failed.clear();
    }
    const { byCell } = this.grid;
    // Only the shards of missing cells not yet seen complete are looked at (a meta read each, a few at a time).
    let open = [...byCell.values()].filter((units) => !this.target.has(units[0].model.id, units[0].set.id));
    const loadedBefore = this.byOthers;
    open = await this.loadMetrics(open, plan, byCell);
    if (this.stopped) return this.count(byCell);
    const unseen = open.flat().filter((u) => !this.doneUnits.has(u));
    const stillMissing = new Set(await missingUnits(this.target.cache, unseen));
    for (const unit of unseen) if (!stillMissing.has(unit)) this.doneUnits.add(unit);
    const complete = open.filter((units) => units.every((u) => this.doneUnits.has(u)));
    // A cell that failed to load (a shard failed its checksum) is read again only once one of its shard files changed.
    const worth = await this.failed.worthReading(complete.map((units) => ({ id: cellId(units[0].model.id, units[0].set.id), units })));
    const ready = worth.cells.map((cell) => cell.units);
    // Cells ready in one set are loaded together; the shards are read (checksums verified), nothing is computed.
    const bySet = new Map<string, GridUnit[][]>();
    for (const units of ready) bySet.set(units[0].set.id, [...(bySet.get(units[0].set.id) ?? []), units]);
    for (const cells of bySet.values()) {
      if (this.stopped) break;
      const models = cells.map((units) => units[0].model);
      const set = cells[0][0].set;
      try {
        await runExtraction({ ...plan, models, sets: [set], shards: undefined }, {
          pool: this.target.pool,
          cache: this.target.cache,
          cacheOnly: true,
          // Only cells whose metrics file was missing or damaged get here (loadMetrics): their files are written.
          repairMetrics: true,
          onWarning: (message) => this.target.onWarning(message),
          onCell: (cell) => {
            if (this.stopped || this.target.has(cell.modelId, cell.setId)) return;
            this.byOthers++;
            this.loadedAny = true;
            this.target.onCell(cell, plan);
          },
        });
      } catch (error) {
        this.target.onWarning(`Reading cached cells of ${set.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (this.stopped) break;
      // Complete-looking cells that did not load: remembered with their files' sizes and mtimes.
      for (const units of cells) if (!this.target.has(units[0].model.id, set.id)) await this.failed.remember(cellId(units[0].model.id, set.id), units);
    }
    const progress = stillMissing.size < unseen.length || this.byOthers > loadedBefore || worth.changed > 0;
    this.idlePasses = progress ? 0 : this.idlePasses + 1;
    const count = this.count(byCell);
    if (this.stopped) return count;
    this.target.onCount(count);
    if (count.cells === count.total && !this.completed) {
      this.completed = true;
      if (this.loadedAny) this.target.onComplete();
    }
    return count;
  }

  private count(byCell: Map<string, GridUnit[]>): CacheCount {
    return { cells: [...byCell.values()].filter((u) => this.target.has(u[0].model.id, u[0].set.id)).length, total: byCell.size, byOthers: this.byOthers };
  }

  /**
   * Reports the cells the grid's index lists (one read for the whole grid) or whose metrics file
   * (cache/cell-metrics-store.ts) is intact, one small read each instead of every shard; adds the
   * latter to the index; returns the cells still open (no file, or a damaged one).
   */
  private async loadMetrics(open: GridUnit[][], plan: ExtractionPlan, byCell: Map<string, GridUnit[]>): Promise<GridUnit[][]> {
    const { cache } = this.target;
    const root = cache.root;
    if (!this.index) {
      // Stored keys: an index (like a metrics file) vouches for shards of this cache's feature storage only.
      const key = gridIndexKey([...byCell.values()].map((units) => cache.storedKey(units[0].key)), plan.count);
      this.index = { key, cells: (await readGridIndex(root, key, plan.count)) ?? new Map() };
    }
    const index = this.index;
    const keys = open.map((units) => cache.storedKey(units[0].key));
    const found = await Promise.all(keys.map((key) => index.cells.get(key) ?? readCellMetrics(root, key, plan.count)));
    const rest: GridUnit[][] = [];
    let added = 0;
    open.forEach((units, i) => {
      const m = found[i];
      const { model, set } = units[0];
      if (!m || m.classes !== model.head.classes) return void rest.push(units);
      if (!index.cells.has(keys[i])) {
        index.cells.set(keys[i], { count: m.count, correct: m.correct, classes: m.classes, executionProvider: m.executionProvider, nonFinite: m.nonFinite });
        added++;
      }
      if (this.stopped || this.target.has(model.id, set.id)) return;
      this.byOthers++;
      this.loadedAny = true;
      this.target.onCell({ modelId: model.id, setId: set.id, accuracy: m.correct / m.count, executionProvider: m.executionProvider, nonFinite: m.nonFinite }, plan);
    });
    // An index that cannot be written costs the next reopen time, never a wrong cell.
    if (added > 0) await writeGridIndex(root, index.key, index.cells).catch(() => undefined);
    return rest;
  }
}
