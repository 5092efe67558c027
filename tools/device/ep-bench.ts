// Bare onnxruntime-node throughput per execution provider (cpu, webgpu, cuda), each checked
// against the CPU: the demo models on their own test images (accuracy against the labels, and the
// largest logit difference from the CPU), and any extra ONNX classifiers on seeded random inputs.
//   node --import tsx tools/device/ep-bench.ts [--eps cpu,webgpu] [--images 2000] [--batch 256]
//        [--models dense,gmp-80] [--extra resnet18.onnx] [--json out.json]
// Run by tools/device/gpu-bench.sh; prints a Markdown table.
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { preprocessBatch } from '../../src-shared/data/preprocess';
import { createRng } from '../../src-shared/base/rng';
import { folderStore } from '../../electron/engine/bundle/bundle-archive-store';
import { loadBundleManifest } from '../../electron/engine/bundle/bundle-loader';
import { openCleanSource } from '../../electron/engine/data-sources/data-source';
import { availableExecutionProviders } from '../../electron/engine/extraction/execution-providers';
import { prepareModel } from '../../electron/engine/extraction/prepared-model';
import { imageInput } from '../../electron/engine/inputs/image/image-batch';
import { demoBundleDir } from '../../electron/engine/paths';

const { values } = parseArgs({ options: { eps: { type: 'string', default: 'cpu,webgpu,cuda' }, images: { type: 'string', default: '2000' }, batch: { type: 'string', default: '256' }, models: { type: 'string', default: 'dense,gmp-80' }, extra: { type: 'string', default: '' }, json: { type: 'string' } } });
const count = Number(values.images);
const batchSize = Number(values.batch);
const available = availableExecutionProviders();
const eps = values.eps!.split(',').filter(Boolean);

interface Workload {
  name: string;
  bytes: Uint8Array;
  inputName: string;
  outputName: string;
  /** Input batches (same for every EP). */
  batches: ort.Tensor[];
  /** Labels per image, when known (the demo's test set). */
  labels?: Int32Array;
}

interface Result {
  model: string;
  ep: string;
  images: number;
  imagesPerSecond?: number;
  accuracy?: number;
  /** Largest |logit − CPU logit| over all images. */
  maxAbsDiffVsCpu?: number;
  error?: string;
}

async function demoWorkloads(): Promise<Workload[]> {
  const bundle = demoBundleDir;
  const manifest = await loadBundleManifest(bundle);
  const store = folderStore(bundle);
  const source = await openCleanSource(store, manifest.data.clean, manifest.classes);
  const n = Math.min(count, source.count);
  const pixels = await source.readBatch(0, n);
  const labels = source.labels.subarray(0, n);
  const perImage = pixels.length / n;
  const out: Workload[] = [];
  for (const id of values.models!.split(',').filter(Boolean)) {
    const model = await prepareModel(store, manifest.models.find((m) => m.id === id)!);
    const batches: ort.Tensor[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const b = Math.min(batchSize, n - start);
      const input = preprocessBatch(pixels.subarray(start * perImage, (start + b) * perImage), b, source, 1, manifest.input);
      batches.push(new ort.Tensor('float32', input, [b, source.channels, source.height, source.width]));
    }
    out.push({ name: `demo ${id}`, bytes: model.runBytes, inputName: imageInput(model.input).name, outputName: model.logitsOutput, batches, labels });
  }
  return out;
}

/** An ONNX classifier with one float32 NCHW input of a fixed C×H×W, fed seeded uniform noise. */
async function extraWorkload(file: string): Promise<Workload> {
  const bytes = readFileSync(file);
  const session = await ort.InferenceSession.create(bytes);
  const [inputName, outputName] = [session.inputNames[0], session.outputNames[0]];
  const meta = session.inputMetadata[0] as { shape?: (number | string)[] };
  const chw = (meta.shape ?? []).slice(1).map(Number);
  await session.release();
  if (chw.length !== 3 || chw.some((d) => !(d > 0))) throw new Error(`${file}: expected a fixed C×H×W input, got ${JSON.stringify(meta.shape)}`);
  const rng = createRng(22);
  const per = chw[0] * chw[1] * chw[2];
  const batches: ort.Tensor[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const b = Math.min(batchSize, count - start);
    const data = new Float32Array(b * per);
    for (let i = 0; i < data.length; i++) data[i] = rng.next() * 2 - 1;
    batches.push(new ort.Tensor('float32', data, [b, ...chw]));
  }
  return { name: path.basename(file), bytes, inputName, outputName, batches };
}

async function measure(w: Workload, ep: string, reference?: Float32Array[]): Promise<{ result: Result; logits: Float32Array[] }> {
  const images = w.batches.reduce((s, t) => s + t.dims[0], 0);
  const session = await ort.InferenceSession.create(w.bytes, { executionProviders: [ep], intraOpNumThreads: availableParallelism(), graphOptimizationLevel: 'all' });
  try {
    await session.run({ [w.inputName]: w.batches[0] }, [w.outputName]); // warm-up (kernel compilation, uploads)
    const logits: Float32Array[] = [];
    const t0 = performance.now();
    for (const tensor of w.batches) {
      const out = await session.run({ [w.inputName]: tensor }, [w.outputName]);
      logits.push(new Float32Array(out[w.outputName].data as Float32Array));
    }
    const seconds = (performance.now() - t0) / 1000;
    const result: Result = { model: w.name, ep, images, imagesPerSecond: images / seconds };
    if (w.labels) {
      const classes = logits[0].length / w.batches[0].dims[0];
      let right = 0;
      let k = 0;
      for (const batch of logits) {
        for (let row = 0; row < batch.length; row += classes, k++) {
          let best = 0;
          for (let c = 1; c < classes; c++) if (batch[row + c] > batch[row + best]) best = c;
          if (best === w.labels[k]) right++;
        }
      }
      result.accuracy = right / images;
    }
    if (reference) {
      let diff = 0;
      logits.forEach((batch, b) => batch.forEach((v, i) => (diff = Math.max(diff, Math.abs(v - reference[b][i])))));
      result.maxAbsDiffVsCpu = diff;
    }
    return { result, logits };
  } finally {
    await session.release();
  }
}

const load0 = loadavg();
const workloads = [...(await demoWorkloads()), ...(await Promise.all(values.extra!.split(',').filter(Boolean).map(extraWorkload)))];
const results: Result[] = [];
for (const w of workloads) {
  const cpu = await measure(w, 'cpu');
  results.push(cpu.result);
  for (const ep of eps.filter((e) => e !== 'cpu')) {
    if (!available.includes(ep)) {
      results.push({ model: w.name, ep, images: 0, error: `not available here (onnxruntime-node offers ${available.join(', ')})` });
      continue;
    }
    try {
      results.push((await measure(w, ep, cpu.logits)).result);
    } catch (error) {
      // onnxruntime's messages start with a source location and an assertion; keep what they say.
      results.push({ model: w.name, ep, images: 0, error: (error as Error).message.split('\n')[0].replace(/^.* was false\. /, '') });
    }
  }
}
const load1 = loadavg();
if (values.json) writeFileSync(values.json, JSON.stringify({ node: process.version, cores: availableParallelism(), batch: batchSize, loadavg: [load0, load1], available, results }, null, 1));
console.log(`Bare onnxruntime-node ${ort.env.versions.common} loop per execution provider · batch ${batchSize} · ${availableParallelism()} cores · load average ${load0.map((l) => l.toFixed(2)).join(' ')} → ${load1.map((l) => l.toFixed(2)).join(' ')}\n`);
console.log('| model | EP | images | images/s | × CPU | accuracy | max \\|Δlogit\\| vs CPU |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  const cpuRate = results.find((x) => x.model === r.model && x.ep === 'cpu')?.imagesPerSecond;
  if (r.error) console.log(`| ${r.model} | ${r.ep} | — | — | — | — | ${r.error} |`);
  else console.log(`| ${r.model} | ${r.ep} | ${r.images} | ${r.imagesPerSecond!.toFixed(0)} | ${cpuRate ? (r.imagesPerSecond! / cpuRate).toFixed(2) : ''} | ${r.accuracy === undefined ? '—' : (r.accuracy * 100).toFixed(2) + ' %'} | ${r.maxAbsDiffVsCpu === undefined ? '—' : r.maxAbsDiffVsCpu.toExponential(2)} |`);
}
