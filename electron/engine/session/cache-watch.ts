// Watches the cache for cells that other processes write (a Slurm array, `extract --shard`) while
// a bundle is open and no local run is active. Each pass looks only at the metadata of the shards
// still missing (grid-units.ts unitDone); a model × set cell whose shards are all there is loaded
// in cache-only mode (read and checksum-verified, never computed) and reported like a computed
// one. Polls on an unref'd timer until the grid is complete or the watch is stopped.
import type { CellDone, ExtractionPlan } from '../extraction/extraction-plan';
import { runExtraction } from '../extraction/extract-run';
import { gridUnits, missingUnits } from '../extraction/grid-units';
import type { GridUnit } from '../extraction/grid-units';
import type { ResultCache } from '../cache/result-cache';
import { readCellMetrics } from '../cache/cell-metrics-store';
import type { WorkerPool } from '../workers/worker-pool';

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

const cellId = (modelId: string, setId: string) => `${modelId}\u0000${setId}`;

export class CacheWatch {
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<CacheCount> | null = null;
  /** Shards seen complete (their meta is written last and never rewritten in place). */
  private readonly doneUnits = new Set<GridUnit>();
  /** The grid of the last pass, by cell (rebuilt only when the session's plan changes). */
  private grid: { plan: ExtractionPlan; byCell: Map<string, GridUnit[]> } | null = null;
  private byOthers = 0;
  private loadedAny = false;
  private completed = false;

  constructor(
    private readonly target: WatchTarget,
    readonly intervalMs = MIN_CACHE_POLL_MS,
  ) {}

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
    }, Math.max(MIN_CACHE_POLL_MS, this.intervalMs));
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
    }
    const { byCell } = this.grid;
    // Only the shards of missing cells not yet seen complete are looked at (a meta read each, a few at a time).
    let open = [...byCell.values()].filter((units) => !this.target.has(units[0].model.id, units[0].set.id));
    open = await this.loadMetrics(open, plan);
    if (this.stopped) return this.count(byCell);
    const unseen = open.flat().filter((u) => !this.doneUnits.has(u));
    const stillMissing = new Set(await missingUnits(this.target.cache, unseen));
    for (const unit of unseen) if (!stillMissing.has(unit)) this.doneUnits.add(unit);
    const ready = open.filter((units) => units.every((u) => this.doneUnits.has(u)));
    // Cells ready in one set are loaded together; the shards are read (checksums verified), nothing is computed.
    const bySet = new Map<string, GridUnit[][]>();
    for (const units of ready) bySet.set(units[0].set.id, [...(bySet.get(units[0].set.id) ?? []), units]);
    for (const cells of bySet.values()) {
      if (this.stopped) break;
      const models = cells.map((units) => units[0].model);
      await runExtraction({ ...plan, models, sets: [cells[0][0].set], shards: undefined }, {
        pool: this.target.pool,
        cache: this.target.cache,
        cacheOnly: true,
        onWarning: (message) => this.target.onWarning(message),
        onCell: (cell) => {
          if (this.stopped || this.target.has(cell.modelId, cell.setId)) return;
          this.byOthers++;
          this.loadedAny = true;
          this.target.onCell(cell, plan);
        },
      });
    }
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
   * Reports the cells whose metrics file (cache/cell-metrics-store.ts) is intact, one small read
   * each instead of every shard; returns the cells still open (no file, or a damaged one).
   */
  private async loadMetrics(open: GridUnit[][], plan: ExtractionPlan): Promise<GridUnit[][]> {
    const found = await Promise.all(open.map((units) => readCellMetrics(this.target.cache.root, units[0].key, plan.count)));
    const rest: GridUnit[][] = [];
    open.forEach((units, i) => {
      const m = found[i];
      const { model, set } = units[0];
      if (!m || m.classes !== model.head.classes) return void rest.push(units);
      if (this.stopped || this.target.has(model.id, set.id)) return;
      this.byOthers++;
      this.loadedAny = true;
      this.target.onCell({ modelId: model.id, setId: set.id, accuracy: m.correct / m.count, executionProvider: m.executionProvider, nonFinite: m.nonFinite }, plan);
    });
    return rest;
  }
}
