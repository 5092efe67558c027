// Drill-down neighbours: where one sample's feature vector (under a model, on a set) lands among
// the clean samples' features of the same model — e.g. a fogged ankle boot whose nearest clean
// neighbours under the pruned model are sandals.
import { PruneLensError } from '../../../src-shared/base/errors';
import type { NeighboursResult } from '../../../src-shared/api/result-types';
import { nearestByCosine } from '../../../src-shared/analysis/neighbours';
import { cleanSet, parseSetId } from '../extraction/sets';
import type { BundleSession } from './bundle-session';
import type { CellStore } from './cell-data';

export async function neighbours(session: BundleSession, cells: CellStore, modelId: string, setId: string, index: number, k = 8): Promise<NeighboursResult> {
  const plan = await session.currentPlan();
  const model = plan.models.find((m) => m.id === modelId);
  if (!model) throw new PruneLensError('bad-request', `Unknown model '${modelId}'.`);
  if (index >= plan.count) throw new PruneLensError('bad-request', `Sample ${index} is out of range: the analysis covers samples 0–${plan.count - 1}.`);
  const set = parseSetId(setId);
  const [query, pool] = await Promise.all([cells.get(plan, model, set), cells.get(plan, model, cleanSet)]);
  const dim = model.head.featureDim;
  const labels = plan.source.labels;
  const found = nearestByCosine(pool.features, plan.count, dim, query.features.subarray(index * dim, (index + 1) * dim), k, set.corruption === 'clean' ? index : -1);
  return {
    modelId,
    setId: set.id,
    index,
    label: labels[index],
    pred: query.geometry.pred[index],
    neighbours: found.map(({ index: j, similarity }) => ({
      index: j,
      label: labels[j],
      pred: pool.geometry.pred[j],
      similarity,
      angle: (Math.acos(Math.min(1, Math.max(-1, similarity))) * 180) / Math.PI,
    })),
  };
}
