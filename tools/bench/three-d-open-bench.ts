// 3-D view open benchmark: the side-by-side 3-D view of every model at the clean set, i.e. one 3-D
// UMAP projection per model, on a CIFAR-10-C-shaped synthetic bundle (tools/bench/scale-bundle.ts;
// one corruption so the bundle stays small) at --count samples. The cells are extracted first
// (not timed); then, in the engine the server runs:
//   cold: projections computed (cells read from the cache, UMAP fitted, maps stored in the cache);
//   warm: a new engine (a reopened bundle or restarted server) asks again: maps read from the cache.
// Reports seconds to all maps and the engine process's RSS around each step; asserts that the warm
// maps equal the cold ones byte for byte and that the warm open takes < --max-warm-s.
//   node --import tsx tools/bench/three-d-open-bench.ts [--count 10000] [--models 3] [--workers 2] [--max-warm-s 5]
// (prints a Markdown section for BENCHMARKS.md; exit code 1 when the bound is broken)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiEvent } from '../../src-shared/api/contract';
import type { ProjectionResult } from '../../src-shared/api/result-types';
import { createEngine } from '../../electron/engine/engine';
import type { Engine } from '../../electron/engine/engine';
import { writeScaleBundle } from './scale-bundle';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    models: { type: 'string', default: '3' },
    workers: { type: 'string', default: '2' },
    'max-warm-s': { type: 'string', default: '5' },
  },
});
const count = Number(values.count);
const models = Number(values.models);
const workers = Number(values.workers);
const maxWarm = Number(values['max-warm-s']);
if (!(Number.isInteger(count) && count > 0 && models >= 1 && workers >= 1 && maxWarm > 0)) throw new Error('--count, --models, --workers and --max-warm-s must be positive numbers');

const mib = () => process.memoryUsage().rss / 2 ** 20;
const seconds = (start: number) => (performance.now() - start) / 1000;

async function runToEnd(engine: Engine, bundle: string): Promise<void> {
  const events: ApiEvent[] = [];
  const stop = engine.subscribe((e) => events.push(e));
  const { jobId } = await engine.startAnalysis({ path: bundle, limit: count, corruptions: ['gaussian_noise'], severities: [1] });
  for (;;) {
    const finished = events.find((e) => e.type === 'job-finished' && e.jobId === jobId);
    if (finished?.type === 'job-finished') {
      stop();
      if (finished.status !== 'done') throw new Error(`extraction ${finished.status}: ${finished.message ?? ''}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Opens the bundle and asks for every model's 3-D clean map at once, as the side-by-side view does. */
async function openThreeD(engine: Engine, bundle: string): Promise<{ s: number; openS: number; maps: ProjectionResult[] }> {
  const start = performance.now();
  const summary = await engine.openBundle({ path: bundle });
  const openS = seconds(start);
  const maps = await Promise.all(summary.models.map((m) => engine.getProjection({ path: bundle, modelId: m.id, setId: 'clean', dims: 3 })));
  return { s: seconds(start), openS, maps };
}

const root = mkdtempSync(path.join(tmpdir(), 'prunelens-three-d-bench-'));
const load0 = loadavg();
try {
  const bundle = writeScaleBundle(path.join(root, 'bundle'), count, models, 1, ['gaussian_noise']);
  const cacheDir = path.join(root, 'cache');
  const first = createEngine({ transport: 'in-process', cacheDir, workers });
  await first.openBundle({ path: bundle });
  const extractStart = performance.now();
  await runToEnd(first, bundle);
  const extractS = seconds(extractStart);
  const rssBefore = mib();
  const cold = await openThreeD(first, bundle);
  const rssCold = mib();
  await first.dispose();
  const second = createEngine({ transport: 'in-process', cacheDir, workers });
  const rssSecond = mib();
  const warm = await openThreeD(second, bundle);
  const rssWarm = mib();
  await second.dispose();

  const same = cold.maps.every((m, k) => Buffer.compare(Buffer.from(m.coords.buffer, m.coords.byteOffset, m.coords.byteLength), Buffer.from(warm.maps[k].coords.buffer, warm.maps[k].coords.byteOffset, warm.maps[k].coords.byteLength)) === 0);
  const points = cold.maps.map((m) => m.coords.length / 3);
  console.log(`## 3-D view open: ${models} models × ${count.toLocaleString('en-US')} points (3-D UMAP of the clean set)\n`);
  console.log(`\`node --import tsx tools/bench/three-d-open-bench.ts --count ${count} --models ${models} --workers ${workers}\` · ${cpus().length} cores · load average ${load0.map((l) => l.toFixed(1)).join(' ')} → ${loadavg().map((l) => l.toFixed(1)).join(' ')} · extraction (not timed below) ${extractS.toFixed(0)} s\n`);
  console.log('| open | time to all maps | of which openBundle | engine RSS before → after |');
  console.log('|---|---|---|---|');
  console.log(`| cold cache (cells read, UMAP fitted, maps stored) | ${cold.s.toFixed(1)} s | ${cold.openS.toFixed(2)} s | ${rssBefore.toFixed(0)} → ${rssCold.toFixed(0)} MiB |`);
  console.log(`| warm cache (new engine: maps read from the cache) | ${warm.s.toFixed(2)} s | ${warm.openS.toFixed(2)} s | ${rssSecond.toFixed(0)} → ${rssWarm.toFixed(0)} MiB |`);
  console.log(`\nPoints per map: ${points.join(', ')}; warm maps identical to cold: ${same ? 'yes' : 'NO'}.`);
  if (!same || points.some((n) => n !== count)) throw new Error('warm maps differ from the cold ones');
  if (warm.s >= maxWarm) {
    console.error(`FAIL: warm open took ${warm.s.toFixed(2)} s (bound ${maxWarm} s)`);
    process.exitCode = 1;
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
