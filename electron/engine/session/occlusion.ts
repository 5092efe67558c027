// Geometric attribution by occlusion: the model's input adapter hides one region of the sample at a
// time (InputAdapter.occlusion; images: inputs/image/image-occlusion.ts), the model runs on every
// occluded copy in one batch, and the adapter maps how angle_gt, length and logit margin change
// back onto the sample. A kind without the hook is refused, as sample pictures are.
import type { OcclusionResult } from '../../../src-shared/api/result-types';
import { PruneLensError } from '../../../src-shared/base/errors';
import { computeSampleGeometry } from '../../../src-shared/analysis/sample-geometry';
import { parseSetId } from '../extraction/sets';
import { inferTask } from '../extraction/infer-task';
import { inputAdapters } from '../inputs/input-adapters';
import type { AdapterRegistry, InputBatch } from '../inputs/input-adapters';
import type { BundleSession } from './bundle-session';

const KEYS = ['angleGt', 'length', 'logitMargin'] as const;

/** `signal` (the caller gave up, e.g. superseded) stops it once the perturbations are built, before the model runs, or while it waits for a worker. */
export async function occlusion(
  session: Pick<BundleSession, 'currentPlan' | 'pool'>, modelId: string, setId: string, index: number, patchOption?: number, strideOption?: number, signal?: AbortSignal,
  adapters: Pick<AdapterRegistry<InputBatch>, 'adapters'> = inputAdapters,
): Promise<OcclusionResult> {
  const plan = await session.currentPlan();
  const model = plan.models.find((m) => m.id === modelId);
  if (!model) throw new PruneLensError('bad-request', `Unknown model '${modelId}'.`);
  const set = parseSetId(setId);
  if (index >= plan.source.count) throw new PruneLensError('bad-request', `Sample ${index} is out of range (0–${plan.source.count - 1}).`);
  // The selected model's input kind perturbs the sample, in the form that model is fed.
  const adapter = adapters.adapters.find((a) => a.kind === model.input.kind);
  if (!adapter?.occlusion) throw new PruneLensError('bad-request', `A sample of the '${model.input.kind}' input kind cannot be occluded.`);
  const occluded = await adapter.occlusion(plan, model.input, { index, set, patch: patchOption, stride: strideOption });
  signal?.throwIfAborted();
  const task = inferTask(model, plan.executionProvider, occluded.batch);
  // A user waits on this one batch: it goes before queued extraction batches.
  const reply = await session.pool.run(task, { transfer: occluded.transfer, priority: 'interactive', signal });
  const geometry = computeSampleGeometry({
    logits: reply.logits, features: reply.features, labels: new Int32Array(occluded.count).fill(occluded.label),
    head: model.head,
  });
  const [angleGt, length, logitMargin] = KEYS.map((key) => occluded.attribute((k) => geometry[key][k + 1] - geometry[key][0]));
  const { width, height, patch, stride } = occluded;
  return {
    modelId, setId, index, width, height, patch, stride,
    base: { angleGt: geometry.angleGt[0], length: geometry.length[0], logitMargin: geometry.logitMargin[0] },
    angleGt, length, logitMargin,
  };
}
