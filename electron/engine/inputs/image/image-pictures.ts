// How the image adapter shows a sample: its 8-bit pixels, clean and under a corruption at each
// severity. Corruptions are seeded per image (corruptionRng), so these match what extraction fed
// the models; precomputed sets are read, not generated.
import type { SampleImages } from '../../../../src-shared/api/result-types';
import { PruneLensError } from '../../../../src-shared/base/errors';
import type { CorruptionName } from '../../../../src-shared/bundle/manifest';
import { applyCorruption, corruptionRng } from '../../../../src-shared/corruptions/index';
import { parseSetId } from '../../extraction/sets';
import type { SampleData } from '../input-adapter';

export async function imageSamplePictures(data: SampleData, index: number, corruption: string | undefined, severities: readonly number[]): Promise<SampleImages> {
  const pixels = await data.source.readBatch(index, 1);
  if (!(pixels instanceof Uint8Array)) throw new PruneLensError('bad-data', 'Only 8-bit image data can be shown.');
  const { width, height, channels } = data.source;
  const corrupted: SampleImages['corrupted'] = [];
  if (corruption && corruption !== 'clean') {
    for (const severity of severities) {
      const set = parseSetId(`${corruption}-s${severity}`);
      let image: Uint8Array;
      if (data.corruptedSource) image = (await (await data.corruptedSource(set)).readBatch(index, 1)) as Uint8Array;
      else {
        const rng = corruptionRng(data.corruptionSeed, corruption as CorruptionName, severity, index);
        image = applyCorruption({ data: pixels, width, height, channels: channels as 1 | 3 }, corruption as CorruptionName, severity, rng, { frostPhotos: data.frostPhotos?.textures });
      }
      corrupted.push({ setId: set.id, severity, data: image });
    }
  }
  return { index, label: data.source.labels[index], width, height, channels, clean: pixels, corrupted };
}
