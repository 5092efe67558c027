// Pipeline throughput vs a bare onnxruntime-node loop, in one run (ratios survive a noisy box).
//   node --import tsx tools/bench/inference-bench.ts [--images 5000] [--models dense,gmp-80]
// The bare loop: one session (intra-op threads = cores) over pre-made input tensors of the same
// model and batch size. The pipeline: PruneLens's extraction (read → preprocess → worker pool →
// cache) on the clean set, fresh cache, same images.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { preprocessBatch } from '../../src-shared/data/preprocess';
import { folderStore } from '../../electron/engine/bundle-archive-store';
import { loadBundleManifest } from '../../electron/engine/bundle-loader';
import { openCleanSource } from '../../electron/engine/data-source';
import { createEngine } from '../../electron/engine/engine';
import { prepareModel } from '../../electron/engine/extraction/prepared-model';

const { values } = parseArgs({ options: { images: { type: 'string', default: '5000' }, models: { type: 'string', default: 'dense,gmp-80,l1filter-50' }, batch: { type: 'string', default: '256' } } });
const bundle = path.resolve('assets/demo');
const count = Number(values.images);
const batch = Number(values.batch);
const modelIds = values.models!.split(',');

const manifest = await loadBundleManifest(bundle);
const store = folderStore(bundle);
const source = await openCleanSource(store, manifest.data.clean, manifest.classes);
const pixels = await source.readBatch(0, count);

async function bareLoop(): Promise<number> {
  let total = 0;
  for (const id of modelIds) {
    const model = await prepareModel(store, manifest.models.find((m) => m.id === id)!);
    const session = await ort.InferenceSession.create(model.runBytes, { executionProviders: ['cpu'], intraOpNumThreads: availableParallelism(), graphOptimizationLevel: 'all' });
    const tensors: ort.Tensor[] = [];
    for (let start = 0; start < count; start += batch) {
      const n = Math.min(batch, count - start);
      const input = preprocessBatch(pixels.subarray(start * 784, (start + n) * 784), n, source, 1, manifest.input);
      tensors.push(new ort.Tensor('float32', input, [n, 1, 28, 28]));
    }
    const started = performance.now();
    for (const tensor of tensors) await session.run({ [model.inputName]: tensor }, [model.logitsOutput, model.featureOutput]);
    total += (performance.now() - started) / 1000;
    await session.release();
  }
  return (count * modelIds.length) / total;
}

async function pipeline(): Promise<number> {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'prunelens-bench-'));
  const engine = createEngine({ transport: 'in-process', cacheDir });
  try {
    const run = async (limit: number) => {
      const finished = new Promise((resolve) => {
        const off = engine.subscribe((e) => e.type === 'job-finished' && (off(), resolve(e)));
      });
      await engine.startAnalysis({ path: bundle, models: modelIds, corruptions: [], limit });
      await finished;
    };
    // Warm-up outside the timing (as the bare loop's session creation is): worker start-up and
    // one session per model per worker. Its cache entries (256 samples) are not reused below.
    await run(256);
    const started = performance.now();
    await run(count);
    return (count * modelIds.length) / ((performance.now() - started) / 1000);
  } finally {
    await engine.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const bare1 = await bareLoop();
const piped = await pipeline();
const bare2 = await bareLoop();
const bare = (bare1 + bare2) / 2;
console.log(`models ${modelIds.join(', ')} · ${count} images · batch ${batch} · ${availableParallelism()} cores`);
console.log(`bare onnxruntime loop: ${bare.toFixed(0)} images/s (runs: ${bare1.toFixed(0)}, ${bare2.toFixed(0)})`);
console.log(`PruneLens pipeline:    ${piped.toFixed(0)} images/s`);
console.log(`ratio pipeline / bare: ${(piped / bare).toFixed(2)}`);
