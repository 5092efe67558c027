// The worker side of a projection: UMAP of one model's clean features, started from (and
// Procrustes-aligned to) the dense model's map when given, plus placement of query points
// (the same samples under a corruption) into that aligned map. Fitted maps are kept per model
// in this worker, so placing each corrupted set does not refit (seeded: any worker that must
// refit gets the identical map). A fit stops between its slices when its signal aborts (the pool's
// cancel message: nobody waits for the projection any more). The kept maps (≈ 14 MiB each at
// 10,000 × 512-d) fit a byte budget per worker, least recently used first out (memory-budget.ts).
import { applySimilarity, procrustes } from '../../../src-shared/projection/procrustes';
import { transformUmap } from '../../../src-shared/projection/transform';
import { fitUmapModel, umapResult } from '../../../src-shared/projection/umap';
import { checkAborted } from '../../../src-shared/base/abort';
import type { UmapState } from '../../../src-shared/projection/umap';
import { ByteBudgetLru, typedArrayBytes } from '../session/byte-budget-lru';
import { umapStateBudgetBytes } from '../session/memory-budget';
import type { ProjectReply, ProjectTask } from './worker-protocol';

interface FittedMap {
  state: UmapState;
  coords: Float32Array;
  rotation: Float64Array;
  scale: number;
  translation: Float64Array;
  residual: number;
}

const fitted = new ByteBudgetLru<FittedMap>(umapStateBudgetBytes(), (map) => typedArrayBytes(map.state) + map.coords.byteLength);

async function fit(task: ProjectTask, signal?: AbortSignal): Promise<FittedMap> {
  const state = await fitUmapModel(task.data, task.n, task.dim, { nComponents: task.dims, seed: task.seed, initialEmbedding: task.reference, ...(signal ? { signal } : {}) });
  const raw = umapResult(state);
  const identity = Float64Array.from({ length: task.dims * task.dims }, (_, i) => (i % (task.dims + 1) === 0 ? 1 : 0));
  if (!task.reference) return { state, coords: raw, rotation: identity, scale: 1, translation: new Float64Array(task.dims), residual: 0 };
  const aligned = procrustes(task.reference, raw, task.n, task.dims);
  return { state, coords: aligned.aligned, rotation: aligned.rotation, scale: aligned.scale, translation: aligned.translation, residual: aligned.residual };
}

export async function runProjectTask(task: ProjectTask, signal?: AbortSignal): Promise<ProjectReply> {
  const key = `${task.mapKey}|${task.dims}|${task.seed}`;
  const map = fitted.get(key, () => fit(task, signal));
  const { state, coords, rotation, scale, translation, residual } = await map;
  checkAborted(signal);
  const placed = task.query ? applySimilarity(transformUmap(state, task.query, task.n, { seed: task.seed }), task.n, task.dims, rotation, scale, translation) : undefined;
  return { kind: 'project', taskId: task.taskId, coords: coords.slice(), placed, residual };
}
