// Reopen benchmark: time from a fresh engine to a full evaluation table on a bundle whose cache is
// complete, as the app does it: openBundle (model cards) then getEvaluation. Cold: no cell metrics
// files, no model analyses, no grid index (every shard's logits and features read and
// checksummed, every graph analysed); metrics only: one small file per cell
// (cache/cell-metrics-store.ts) but every graph analysed again; warm: model cards and prepared
// models remembered by file content (bundle/model-analysis-cache.ts) and one grid index
// (cache/grid-index.ts). Fills the cache first with one run (cells already cached are only read;
// --no-fill skips it). Each reopen is a fresh engine in this process; the OS file cache is warm.
//   node --import tsx tools/bench/reopen-bench.ts [--bundle DIR --cache DIR [--no-fill]] [--models 3 --size 1000]
// (without --bundle: a seeded tools/bench/scale-bundle.ts bundle of --models × --size, fresh cache)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MODEL_ANALYSIS_VERSION } from '../../electron/engine/bundle/model-analysis-cache';
import { CELL_METRICS_VERSION } from '../../electron/engine/cache/cell-metrics-store';
import { GRID_INDEX_VERSION } from '../../electron/engine/cache/grid-index';
import { createEngine } from '../../electron/engine/engine';
import { writeScaleBundle } from './scale-bundle';

const { values } = parseArgs({ options: { bundle: { type: 'string' }, cache: { type: 'string' }, models: { type: 'string', default: '3' }, size: { type: 'string', default: '1000' }, workers: { type: 'string', default: '2' }, 'no-fill': { type: 'boolean' } } });
const work = mkdtempSync(path.join(tmpdir(), 'prunelens-reopen-'));
const bundle = values.bundle ? path.resolve(values.bundle) : writeScaleBundle(path.join(work, 'bundle'), Number(values.size), Number(values.models));
const cacheDir = values.cache ? path.resolve(values.cache) : path.join(work, 'cache');
const workers = Number(values.workers);
const load0 = loadavg();

async function fill(): Promise<number> {
  const engine = createEngine({ transport: 'in-process', cacheDir, workers });
  const t0 = performance.now();
  const finished = new Promise<{ status: string }>((resolve) => engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
  await engine.startAnalysis({ path: bundle });
  const { status } = await finished;
  await engine.dispose();
  if (status !== 'done') throw new Error(`filling the cache ended '${status}'`);
  return (performance.now() - t0) / 1000;
}

interface Reopen { open: number; table: number; s: number; cells: number }

/** Seconds from a fresh engine to its model cards (openBundle) and then an evaluation table with every cell filled. */
async function reopen(): Promise<Reopen> {
  const engine = createEngine({ transport: 'in-process', cacheDir, workers });
  const t0 = performance.now();
  await engine.openBundle({ path: bundle });
  const t1 = performance.now();
  const table = await engine.getEvaluation({ path: bundle });
  const t2 = performance.now();
  await engine.dispose();
  const filled = Array.from(table.accuracy).filter(Number.isFinite).length;
  if (filled !== table.accuracy.length) throw new Error(`reopen showed ${filled} of ${table.accuracy.length} cells: the cache is not complete`);
  return { open: (t1 - t0) / 1000, table: (t2 - t1) / 1000, s: (t2 - t0) / 1000, cells: filled };
}

const forget = (...dirs: string[]) => dirs.forEach((dir) => rmSync(path.join(cacheDir, dir), { recursive: true, force: true }));
const analyses = `model-analysis-v${MODEL_ANALYSIS_VERSION}`;
const index = `grid-index-v${GRID_INDEX_VERSION}`;
const fillS = values['no-fill'] ? null : await fill();
forget(`metrics-v${CELL_METRICS_VERSION}`, analyses, index);
const cold = await reopen(); // reads every shard and analyses every graph; writes metrics files, analyses and the index
const metricsOnly: Reopen[] = [];
for (let i = 0; i < 2; i++) {
  forget(analyses, index);
  metricsOnly.push(await reopen());
}
const warm = [await reopen(), await reopen()];
if (!values.bundle) rmSync(work, { recursive: true, force: true });
const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
const row = (name: string, runs: Reopen[]) => console.log(`| ${name} | ${runs.map((r) => ms(r.open)).join(', ')} | ${runs.map((r) => ms(r.table)).join(', ')} | ${runs.map((r) => ms(r.s)).join(', ')} |`);
console.log(`${path.basename(bundle)}: ${cold.cells} cells · ${cpus().length} cores · load average ${load0.map((l) => l.toFixed(1)).join(' ')} → ${loadavg().map((l) => l.toFixed(1)).join(' ')}${fillS === null ? '' : ` · cache filled in ${fillS.toFixed(0)} s`}`);
console.log(`| reopen | openBundle (cards) | evaluation table | total |`);
console.log(`|---|---|---|---|`);
row('cold (shards, graphs analysed)', [cold]);
row('metrics files, graphs analysed', metricsOnly);
row('warm (index + model analyses)', warm);
