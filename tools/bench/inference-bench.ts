// Pipeline throughput vs a bare onnxruntime-node loop, in one run (ratios survive a noisy box).
//   node --import tsx tools/bench/inference-bench.ts [--images 5000] [--models dense,gmp-80] [--ep cpu|webgpu|cuda]
//        [--bare-threads N[,M…]] [--rounds 3] [--model classifier.onnx]
// The bare loop: one session (intra-op threads = cores, or each count --bare-threads lists) over pre-made input
// tensors of the same model and batch size. The pipeline: PruneLens's extraction (read → preprocess →
// worker pool → cache) on the clean set, fresh cache, same images. The demo's models by default;
// --model times one CIFAR-shaped ONNX classifier (N×3×32×32, e.g. tools/device/make_resnet18_cifar.py)
// on --images seeded random 32×32×3 uint8 images instead (model-bundle.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { preprocessBatch } from '../../src-shared/data/preprocess';
import { folderStore } from '../../electron/engine/bundle/bundle-archive-store';
import { loadBundleManifest } from '../../electron/engine/bundle/bundle-loader';
import { openCleanSource } from '../../electron/engine/data-sources/data-source';
import { createEngine } from '../../electron/engine/engine';
import { prepareModel } from '../../electron/engine/extraction/prepared-model';
import { splitThreadCpu, threadCpu } from './thread-cpu';
import { imageDims, imageInput } from '../../electron/engine/inputs/image/image-batch';
import { MODEL_BUNDLE_ID, writeModelBundle } from './model-bundle';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '5000' }, models: { type: 'string', default: 'dense,gmp-80,l1filter-50' }, batch: { type: 'string', default: '256' },
    'bare-threads': { type: 'string' }, ep: { type: 'string', default: 'cpu' }, rounds: { type: 'string', default: '3' }, model: { type: 'string' },
  },
});
const count = Number(values.images);
const batch = Number(values.batch);
const rounds = Number(values.rounds);
if (!(Number.isInteger(rounds) && rounds >= 1)) throw new Error(`--rounds must be a positive integer (got ${values.rounds}).`);
const bareThreadCounts = (values['bare-threads'] ?? String(availableParallelism())).split(',').map(Number);
if (!bareThreadCounts.every((t) => Number.isInteger(t) && t >= 1)) throw new Error(`--bare-threads must list positive integers (got ${values['bare-threads']}).`);
const modelDir = values.model ? mkdtempSync(path.join(tmpdir(), 'prunelens-bench-model-')) : null;
const bundle = modelDir ? writeModelBundle(modelDir, path.resolve(values.model!), count) : path.resolve('assets/demo');
const modelIds = modelDir ? [MODEL_BUNDLE_ID] : values.models!.split(',');
// The pipeline's warm-up: two batches per worker and model, so every worker holds a session for
// every model before the timing (one 256-image batch left the others to load theirs inside it).
const warmUp = 2 * 256 * Math.min(availableParallelism(), 8);
// A timed run of no more than the warm-up would be all cache hits.
if (!(count > warmUp)) throw new Error(`--images must be more than ${warmUp} (the pipeline warm-up size).`);

const manifest = await loadBundleManifest(bundle);
const store = folderStore(bundle);
const source = await openCleanSource(store, manifest.data.clean, manifest.classes);
const pixels = await source.readBatch(0, count);
const pixelsPerImage = pixels.length / count;

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

interface Rate {
  rate: number;
  perCpu: number;
  /** Share of the timed part the engine's own thread was busy (event-loop utilisation); bare loop: n/a. */
  engineBusy?: number;
  /** Pipeline: CPU µs per inferred image of the engine thread, the inference workers and the other threads (Linux). */
  threads?: { engine: number; workers: number; other: number } | null;
}

async function bareLoop(bareThreads: number): Promise<Rate> {
  let total = 0;
  let cpu = 0;
  for (const id of modelIds) {
    const model = await prepareModel(store, manifest.models.find((m) => m.id === id)!);
    const session = await ort.InferenceSession.create(model.runBytes, { executionProviders: [values.ep!], intraOpNumThreads: bareThreads, graphOptimizationLevel: 'all' });
    const tensors: ort.Tensor[] = [];
    for (let start = 0; start < count; start += batch) {
      const n = Math.min(batch, count - start);
      const input = preprocessBatch(pixels.subarray(start * pixelsPerImage, (start + n) * pixelsPerImage), n, source, source.channels, manifest.input);
      tensors.push(new ort.Tensor('float32', input, imageDims(n, source, source.channels, manifest.input.layout ?? 'NCHW')));
    }
    const started = performance.now();
    const cpu0 = cpuSeconds();
    for (const tensor of tensors) await session.run({ [imageInput(model.input).name]: tensor }, [model.logitsOutput, model.featureOutput]);
    total += (performance.now() - started) / 1000;
    cpu += cpuSeconds() - cpu0;
    await session.release();
  }
  return { rate: (count * modelIds.length) / total, perCpu: (count * modelIds.length) / cpu };
}

async function pipeline(): Promise<Rate> {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-bench-'));
  const engine = createEngine({ transport: 'in-process', cacheDir });
  // An execution provider that fails falls back to the CPU: never report those figures under its name.
  const ranOn = new Set<string>();
  engine.subscribe((e) => void (e.type === 'cell-ready' && ranOn.add(e.executionProvider)));
  try {
    const run = async (limit: number) => {
      const finished = new Promise((resolve) => {
        const off = engine.subscribe((e) => e.type === 'job-finished' && (off(), resolve(e)));
      });
      await engine.startAnalysis({ path: bundle, models: modelIds, corruptions: [], limit, ep: values.ep });
      await finished;
    };
    // Warm-up outside the timing (as the bare loop's session creation is): worker start-up and
    // one session per model per worker. Its cache entries (another limit) are not reused below.
    await run(warmUp);
    const started = performance.now();
    const cpu0 = cpuSeconds();
    const elu0 = performance.eventLoopUtilization();
    const threads0 = threadCpu();
    await run(count);
    const cpu = cpuSeconds() - cpu0;
    const engineBusy = performance.eventLoopUtilization(elu0).utilization;
    const split = splitThreadCpu(threads0, threadCpu(), Math.min(availableParallelism(), 8)); // the pool's size (engine.ts)
    const perImage = (s: number) => (s / (count * modelIds.length)) * 1e6;
    const threads = split && { engine: perImage(split.engine), workers: perImage(split.workers), other: perImage(split.other) };
    if ([...ranOn].some((ep) => ep !== values.ep)) throw new Error(`The pipeline ran on ${[...ranOn].join(', ')}, not ${values.ep} (fallback; see the engine's warning).`);
    return { rate: (count * modelIds.length) / ((performance.now() - started) / 1000), perCpu: (count * modelIds.length) / cpu, engineBusy, threads };
  } finally {
    await engine.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

// Alternate the two several times and compare medians: the machine is shared and noisy.
// Also images per CPU-second of the timed part (workers, onnxruntime's and libuv's threads are
// threads of this process, so process.cpuUsage covers them: checked against /proc/self/task/*/stat).
const bare = new Map<number, Rate[]>(bareThreadCounts.map((t) => [t, []]));
const piped: Rate[] = [];
try {
  for (let r = 0; r < rounds; r++) {
    for (const t of bareThreadCounts) bare.get(t)!.push(await bareLoop(t));
    piped.push(await pipeline());
  }
} finally {
  if (modelDir) rmSync(modelDir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: { rate: number }[]) => xs.map((x) => x.rate.toFixed(0)).join(', ');
const threadsLabel = (t: number) => `${t} intra-op thread${t === 1 ? '' : 's'}`;
console.log(`models ${modelDir ? path.basename(values.model!) : modelIds.join(', ')} · execution provider ${values.ep} · ${count} images · batch ${batch} · ${availableParallelism()} cores (bare loop: ${bareThreadCounts.map(threadsLabel).join('; ')}) · ${rounds} alternating rounds`);
for (const [t, runs] of bare) console.log(`bare onnxruntime loop${bare.size > 1 ? ` (${threadsLabel(t)})` : ''}: median ${median(runs.map((x) => x.rate)).toFixed(0)} images/s (runs ${fmt(runs)}); ${median(runs.map((x) => x.perCpu)).toFixed(0)} images/CPU-s (${(1e6 / median(runs.map((x) => x.perCpu))).toFixed(1)} µs/image)`);
console.log(`PruneLens pipeline:    median ${median(piped.map((x) => x.rate)).toFixed(0)} images/s (runs ${fmt(piped)}); ${median(piped.map((x) => x.perCpu)).toFixed(0)} images/CPU-s (${(1e6 / median(piped.map((x) => x.perCpu))).toFixed(1)} µs/image)`);
console.log(`engine thread busy during the pipeline: median ${(median(piped.map((x) => x.engineBusy ?? 0)) * 100).toFixed(0)} % (runs ${piped.map((x) => ((x.engineBusy ?? 0) * 100).toFixed(0)).join(', ')} %)`);
const threadRuns = piped.map((x) => x.threads).filter((t) => t != null);
if (threadRuns.length) {
  const part = (k: 'engine' | 'workers' | 'other') => `${median(threadRuns.map((t) => t[k])).toFixed(1)} µs (${threadRuns.map((t) => t[k].toFixed(1)).join(', ')})`;
  console.log(`pipeline CPU per image by thread (medians): engine ${part('engine')} · workers ${part('workers')} · other threads ${part('other')}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
}
for (const [t, runs] of bare) {
  console.log(`ratio pipeline / bare: ${(median(piped.map((x) => x.rate)) / median(runs.map((x) => x.rate))).toFixed(2)} (wall), ${(median(piped.map((x) => x.perCpu)) / median(runs.map((x) => x.perCpu))).toFixed(2)} (per CPU-second)${bare.size > 1 ? ` vs the bare loop with ${threadsLabel(t)}` : ''}`);
}
