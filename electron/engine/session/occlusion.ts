// Geometric attribution by occlusion: hide one patch at a time (filled with the image's mean),
// run the model on every occluded copy in one batch, and map how angle_gt, length and logit
// margin change. Each pixel gets the mean change over the patches that cover it.
import type { OcclusionResult } from '../../../src-shared/api/result-types';
import { PruneLensError } from '../../../src-shared/base/errors';
import { computeSampleGeometry } from '../../../src-shared/analysis/sample-geometry';
import { modelChannels, preprocessBatch } from '../../../src-shared/data/preprocess';
import { parseSetId } from '../extraction/sets';
import { inferTask } from '../extraction/infer-task';
import type { BundleSession } from './bundle-session';
import { sampleImages } from './sample-images';

/** `signal` (the caller gave up, e.g. superseded) stops it before the batch is built or while it waits for a worker. */
export async function occlusion(session: BundleSession, modelId: string, setId: string, index: number, patchOption?: number, strideOption?: number, signal?: AbortSignal): Promise<OcclusionResult> {
  const plan = await session.currentPlan();
  const model = plan.models.find((m) => m.id === modelId);
  if (!model) throw new PruneLensError('bad-request', `Unknown model '${modelId}'.`);
  const set = parseSetId(setId);
  const images = await sampleImages(session, index, set.corruption === 'clean' ? undefined : set.corruption, set.corruption === 'clean' ? [] : [set.severity]);
  signal?.throwIfAborted();
  const pixels = set.corruption === 'clean' ? images.clean : images.corrupted[0].data;
  const { width, height, channels } = images;
  const patch = patchOption ?? Math.max(2, Math.round(Math.min(width, height) / 7));
  const stride = strideOption ?? Math.max(1, Math.floor(patch / 2));
  const positions: [number, number][] = [];
  for (let y = 0; y + patch <= height; y += stride) for (let x = 0; x + patch <= width; x += stride) positions.push([x, y]);
  const size = width * height * channels;
  const batch = new Uint8Array((positions.length + 1) * size);
  batch.set(pixels, 0);
  const fill = Math.round(pixels.reduce((a, b) => a + b, 0) / pixels.length);
  positions.forEach(([x0, y0], k) => {
    const copy = batch.subarray((k + 1) * size, (k + 2) * size);
    copy.set(pixels);
    for (let y = y0; y < y0 + patch; y++) for (let x = x0; x < x0 + patch; x++) for (let c = 0; c < channels; c++) copy[(y * width + x) * channels + c] = fill;
  });
  const n = positions.length + 1;
  const c = modelChannels(model.inputShape, plan.preprocessing.layout, plan.source);
  const input = preprocessBatch(batch, n, plan.source, c, plan.preprocessing);
  const task = inferTask(model, plan.executionProvider, { count: n, height, width, channels: c, layout: plan.preprocessing.layout }, { input });
  // A user waits on this one batch: it goes before queued extraction batches.
  const reply = await session.pool.run(task, { transfer: [input.buffer as ArrayBuffer], priority: 'interactive', signal });
  const geometry = computeSampleGeometry({
    logits: reply.logits, features: reply.features, labels: new Int32Array(n).fill(images.label),
    head: model.head,
  });
  const maps = { angleGt: new Float32Array(width * height), length: new Float32Array(width * height), logitMargin: new Float32Array(width * height) };
  const cover = new Float32Array(width * height);
  positions.forEach(([x0, y0], k) => {
    for (let y = y0; y < y0 + patch; y++) {
      for (let x = x0; x < x0 + patch; x++) {
        const p = y * width + x;
        cover[p]++;
        for (const key of ['angleGt', 'length', 'logitMargin'] as const) maps[key][p] += geometry[key][k + 1] - geometry[key][0];
      }
    }
  });
  for (const key of ['angleGt', 'length', 'logitMargin'] as const) maps[key].forEach((v, p) => (maps[key][p] = cover[p] > 0 ? v / cover[p] : 0));
  return {
    modelId, setId, index, width, height, patch, stride,
    base: { angleGt: geometry.angleGt[0], length: geometry.length[0], logitMargin: geometry.logitMargin[0] },
    ...maps,
  };
}
