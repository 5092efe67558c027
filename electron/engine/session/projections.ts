// 3-D/2-D maps of each model's feature space. The dense model's map is fitted first; every other
// model starts from the dense coordinates and is Procrustes-aligned to them, so the same sample
// sits in a comparable place side by side. Corrupted sets are placed into their model's clean
// map (transform) so drift under corruption is visible. Runs in the worker pool.
import type { ProjectionResult } from '../../../src-shared/api/result-types';
import { PruneLensError } from '../../../src-shared/api/errors';
import type { ProjectReply } from '../workers/worker-protocol';
import { cleanSet, parseSetId } from '../extraction/sets';
import type { BundleSession } from './bundle-session';
import type { CellStore } from './cell-data';

const memo = new WeakMap<BundleSession, Map<string, Promise<ProjectionResult>>>();

export function projection(session: BundleSession, cells: CellStore, modelId: string, setId: string, dims: 2 | 3): Promise<ProjectionResult> {
  let perSession = memo.get(session);
  if (!perSession) memo.set(session, (perSession = new Map()));
  const key = `${modelId}|${setId}|${dims}`;
  let result = perSession.get(key);
  if (!result) {
    result = compute(session, cells, modelId, setId, dims);
    result.catch(() => perSession!.delete(key));
    perSession.set(key, result);
  }
  return result;
}

async function compute(session: BundleSession, cells: CellStore, modelId: string, setId: string, dims: 2 | 3): Promise<ProjectionResult> {
  const plan = await session.currentPlan();
  const model = plan.models.find((m) => m.id === modelId);
  if (!model) throw new PruneLensError('bad-request', `Unknown model '${modelId}'.`);
  const dense = plan.models.find((m) => m.role === 'dense')!;
  const set = parseSetId(setId);
  const dim = model.head.featureDim;
  const clean = await cells.get(plan, model, cleanSet);
  const reference = model === dense ? null : (await projection(session, cells, dense.id, 'clean', dims)).coords;
  const query = set.corruption === 'clean' ? undefined : (await cells.get(plan, model, set)).features;
  const reply = (await session.pool.run({
    kind: 'project', mapKey: `${model.hash}:${plan.dataKey}`, data: clean.features.slice(), n: plan.count, dim, dims, seed: 42, reference: reference?.slice(), query: query?.slice(),
  })) as ProjectReply;
  return { modelId, setId, dims, coords: query ? reply.placed! : reply.coords, residual: reply.residual };
}
