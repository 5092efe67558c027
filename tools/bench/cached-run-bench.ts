// Cold vs cached Run (issue #22's "cold vs cached run of the same 11 × 21 × 1,000 grid"): the
// app's Run button, startAnalysis → job-finished with every cell in the evaluation table, on an
// empty cache (corruptions generated, every model run, shards written) and then again, each time
// from a fresh engine, on the cache that run filled. Wall and CPU (process.cpuUsage covers every
// thread: workers, onnxruntime, libuv) per run; the OS file cache is warm for the cached runs.
//   node --import tsx tools/bench/cached-run-bench.ts [--bundle assets/demo] [--models 11] [--corruptions 4] [--limit 1000] [--runs 3]
// (--cache DIR keeps the cache there and skips the cold run when it is already filled: for profiling)
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../../electron/engine/engine';

const { values } = parseArgs({
  options: {
    bundle: { type: 'string', default: 'assets/demo' },
    models: { type: 'string', default: '11' },
    corruptions: { type: 'string', default: '4' },
    limit: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    workers: { type: 'string', default: String(cpus().length) },
    cache: { type: 'string' },
  },
});
const bundle = path.resolve(values.bundle);
const manifest = JSON.parse(readFileSync(path.join(bundle, 'bundle.json'), 'utf8')) as {
  models: { id: string }[];
  data: { corrupted?: { generate?: { corruptions: string[] } } };
};
const models = manifest.models.slice(0, Number(values.models)).map((m) => m.id);
const corruptions = (manifest.data.corrupted?.generate?.corruptions ?? []).slice(0, Number(values.corruptions));
const request = { path: bundle, models, corruptions, severities: [1, 2, 3, 4, 5], limit: Number(values.limit) };
const cacheDir = values.cache ? path.resolve(values.cache) : mkdtempSync(path.join(tmpdir(), 'prunelens-cached-run-'));

interface Run { wall: number; cpu: number; cells: number }

async function run(): Promise<Run> {
  const engine = createEngine({ transport: 'in-process', cacheDir, workers: Number(values.workers) });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const finished = new Promise<{ status: string; error?: string }>((resolve) => engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
  await engine.startAnalysis(request);
  const done = await finished;
  if (done.status !== 'done') throw new Error(`the run ended '${done.status}' ${done.error ?? ''}`);
  const table = await engine.getEvaluation({ path: bundle });
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  await engine.dispose();
  const cells = Array.from(table.accuracy).filter(Number.isFinite).length;
  return { wall, cpu: (used.user + used.system) / 1e6, cells };
}

const load0 = loadavg();
const cold = values.cache && existsSync(path.join(cacheDir, 'filled')) ? null : await run();
if (values.cache) writeFileSync(path.join(cacheDir, 'filled'), '');
const cached: Run[] = [];
for (let i = 0; i < Number(values.runs); i++) cached.push(await run());
if (!values.cache) rmSync(cacheDir, { recursive: true, force: true });
if (!cold) {
  console.log(`cached runs: ${cached.map((r) => `${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU`).join('; ')}`);
  process.exit(0);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [wall, cpu] = [median(cached.map((r) => r.wall)), median(cached.map((r) => r.cpu))];
console.log(`${path.basename(bundle)}: ${models.length} models × ${1 + corruptions.length * 5} sets × ${request.limit} samples = ${cold.cells} cells · ${cpus().length} cores · load ${load0.map((l) => l.toFixed(1)).join(' ')} → ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| run | wall | CPU |');
console.log('|---|---|---|');
console.log(`| cold (empty cache) | ${cold.wall.toFixed(2)} s | ${cold.cpu.toFixed(2)} s |`);
console.log(`| cached (${cached.length} runs, fresh engine each) | ${cached.map((r) => r.wall.toFixed(2)).join(', ')} s | ${cached.map((r) => r.cpu.toFixed(2)).join(', ')} s |`);
console.log(`| **cold / cached (medians)** | **${(cold.wall / wall).toFixed(1)}×** | **${(cold.cpu / cpu).toFixed(1)}×** |`);
