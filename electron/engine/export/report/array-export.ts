// One model × set's arrays as NumPy .npy (float32, C order): penultimate features (N × d),
// logits (N × C), or the 2-D/3-D projection the side-by-side views show (N × dims).
import { PruneLensError } from '../../../../src-shared/base/errors';
import type { ExportedFile } from '../../../../src-shared/api/result-types';
import type { BundleRequest } from '../../../../src-shared/api/contract';
import { writeNpy } from '../../../../src-shared/formats/npy';
import { parseSetId } from '../../extraction/sets';
import type { BundleSession } from '../../session/bundle-session';
import type { CellStore } from '../../session/cell-data';
import { projection } from '../../session/projections';
import { slug } from './format';

/** exportArray's input (contract.ts); projection dims default to 2. */
export type ArrayRequest = BundleRequest<'exportArray'>;

export async function exportArrayFile(session: BundleSession, cells: CellStore, request: ArrayRequest): Promise<ExportedFile> {
  const plan = await session.currentPlan();
  const model = plan.models.find((m) => m.id === request.modelId);
  if (!model) throw new PruneLensError('bad-request', `Unknown model '${request.modelId}' (the analysis has ${plan.models.map((m) => m.id).join(', ')}).`);
  const set = parseSetId(request.setId);
  let data: Float32Array;
  let shape: number[];
  if (request.kind === 'projection') {
    const dims = request.dims ?? 2;
    data = (await projection(session, cells, model.id, set.id, dims)).coords;
    shape = [plan.count, dims];
  } else {
    const cell = await cells.get(plan, model, set);
    const width = request.kind === 'features' ? model.head.featureDim : model.head.classes;
    data = request.kind === 'features' ? cell.features : cell.logits;
    shape = [plan.count, width];
  }
  if (data.length !== shape[0] * shape[1]) throw new PruneLensError('internal', `${request.kind} of ${model.id} on ${set.id} has ${data.length} values, expected ${shape.join(' × ')}.`);
  const suffix = request.kind === 'projection' ? `projection${request.dims ?? 2}d` : request.kind;
  return {
    fileName: `${slug(session.manifest.name)}-${slug(model.id)}-${set.id}-${suffix}.npy`,
    mimeType: 'application/octet-stream',
    bytes: writeNpy(data, shape),
  };
}
