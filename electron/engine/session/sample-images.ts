// One sample's image, clean and under a corruption at each severity, for the drill-down view.
// Corruptions are seeded per image (deriveSeed), so these match what extraction fed the models.
import type { SampleImages } from '../../../src-shared/api/result-types';
import { PruneLensError } from '../../../src-shared/base/errors';
import { applyCorruption, corruptionRng } from '../../../src-shared/corruptions/index';
import type { CorruptionName } from '../../../src-shared/bundle/manifest';
import type { BundleSession } from './bundle-session';
import { parseSetId } from '../extraction/sets';

export async function sampleImages(session: BundleSession, index: number, corruption?: string, severities: number[] = [1, 2, 3, 4, 5]): Promise<SampleImages> {
  const plan = await session.currentPlan();
  if (index >= plan.source.count) throw new PruneLensError('bad-request', `Sample ${index} is out of range (0–${plan.source.count - 1}).`);
  const pixels = await plan.source.readBatch(index, 1);
  if (!(pixels instanceof Uint8Array)) throw new PruneLensError('bad-data', 'Only 8-bit image data can be shown.');
  const { width, height, channels } = plan.source;
  const corrupted: SampleImages['corrupted'] = [];
  if (corruption && corruption !== 'clean') {
    for (const severity of severities) {
      const set = parseSetId(`${corruption}-s${severity}`);
      let data: Uint8Array;
      if (plan.corruptedSource) data = (await (await plan.corruptedSource(set)).readBatch(index, 1)) as Uint8Array;
      else {
        const rng = corruptionRng(plan.corruptionSeed, corruption as CorruptionName, severity, index);
        data = applyCorruption({ data: pixels, width, height, channels: channels as 1 | 3 }, corruption as CorruptionName, severity, rng, { frostPhotos: plan.frostPhotos?.textures });
      }
      corrupted.push({ setId: set.id, severity, data });
    }
  }
  return { index, label: plan.source.labels[index], width, height, channels, clean: pixels, corrupted };
}
