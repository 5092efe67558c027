// One sample's pictures, clean and under a corruption at each severity, for the drill-down view.
// How a sample is drawn belongs to the input adapter that feeds the bundle's models
// (`samplePictures`, e.g. inputs/image/image-pictures.ts); a kind without one has nothing to show.
import type { SampleImages } from '../../../src-shared/api/result-types';
import { PruneLensError } from '../../../src-shared/base/errors';
import { inputAdapters } from '../inputs/input-adapters';
import type { AdapterRegistry } from '../inputs/input-adapters';
import type { BundleSession } from './bundle-session';

export async function sampleImages(
  session: Pick<BundleSession, 'currentPlan'>, index: number, corruption?: string, severities: readonly number[] = [1, 2, 3, 4, 5],
  adapters: Pick<AdapterRegistry<{ kind: string }>, 'adapters'> = inputAdapters,
): Promise<SampleImages> {
  const plan = await session.currentPlan();
  if (index >= plan.source.count) throw new PruneLensError('bad-request', `Sample ${index} is out of range (0–${plan.source.count - 1}).`);
  // Every model of a bundle is fed the same data: the dense model's input kind draws it.
  const model = plan.models.find((m) => m.role === 'dense') ?? plan.models[0];
  if (!model) throw new PruneLensError('internal', 'The plan has no model.');
  const adapter = adapters.adapters.find((a) => a.kind === model.input.kind);
  if (!adapter?.samplePictures) throw new PruneLensError('bad-request', `A sample of the '${model.input.kind}' input kind has no picture to show.`);
  return adapter.samplePictures(plan, index, corruption, severities);
}
