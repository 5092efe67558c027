// Reopen benchmark: time from a fresh engine to a full evaluation table on a bundle whose cache is
// complete, cold (no cell metrics files: every shard's logits and features read and checksummed,
// the pre-metrics path) vs warm (cache/cell-metrics-store.ts: one small file per cell). Fills the
// cache first with one run (cells already cached are only read). Each reopen is a fresh engine
// in this process; the OS file cache is warm for both.
//   node --import tsx tools/bench/reopen-bench.ts [--bundle DIR --cache DIR] [--models 3 --size 1000]
// (without --bundle: a seeded tools/bench/scale-bundle.ts bundle of --models × --size, fresh cache)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CELL_METRICS_VERSION } from '../../electron/engine/cache/cell-metrics-store';
import { createEngine } from '../../electron/engine/engine';
import { writeScaleBundle } from './scale-bundle';

const { values } = parseArgs({ options: { bundle: { type: 'string' }, cache: { type: 'string' }, models: { type: 'string', default: '3' }, size: { type: 'string', default: '1000' }, workers: { type: 'string', default: '2' } } });
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

/** Seconds from a fresh engine to an evaluation table with every cell filled, and the cell count. */
async function reopen(): Promise<{ s: number; cells: number }> {
  const engine = createEngine({ transport: 'in-process', cacheDir, workers });
  const t0 = performance.now();
  const table = await engine.getEvaluation({ path: bundle });
  const s = (performance.now() - t0) / 1000;
  await engine.dispose();
  const filled = Array.from(table.accuracy).filter(Number.isFinite).length;
  if (filled !== table.accuracy.length) throw new Error(`reopen showed ${filled} of ${table.accuracy.length} cells: the cache is not complete`);
  return { s, cells: filled };
}

const fillS = await fill();
rmSync(path.join(cacheDir, `metrics-v${CELL_METRICS_VERSION}`), { recursive: true, force: true });
const cold = await reopen(); // reads every shard, and writes the metrics files
const warm = [await reopen(), await reopen()];
if (!values.bundle) rmSync(work, { recursive: true, force: true });
const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
console.log(`${path.basename(bundle)}: ${cold.cells} cells · ${cpus().length} cores · load average ${load0.map((l) => l.toFixed(1)).join(' ')} → ${loadavg().map((l) => l.toFixed(1)).join(' ')} · cache filled in ${fillS.toFixed(0)} s`);
console.log(`| cells | cold reopen (shards) | warm reopen (metrics files) | per cell cold / warm |`);
console.log(`|---|---|---|---|`);
console.log(`| ${cold.cells} | ${ms(cold.s)} | ${warm.map((w) => ms(w.s)).join(', ')} | ${(cold.s / cold.cells * 1000).toFixed(2)} / ${(Math.min(...warm.map((w) => w.s)) / cold.cells * 1000).toFixed(2)} ms |`);
