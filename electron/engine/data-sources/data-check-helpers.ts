// What the data checks (data-source-checks.ts) and the precomputed-corruption readers' own checks
// share: the finding type, the data geometry, the labels range check and a first/last image probe.
import type { ImageGeometry } from '../../../src-shared/data/preprocess';
import type { ImageSource } from './data-source-base';

export interface Finding {
  level: 'error' | 'warning';
  /** JSON path or file the finding is about. */
  where: string;
  message: string;
}

/** The data as read: the preprocessing's geometry plus the sample count and element type. */
export interface DataGeometry extends ImageGeometry {
  count: number;
  dtype: 'uint8' | 'float32';
}

export const geometryOf = (s: ImageSource): DataGeometry => ({ count: s.count, height: s.height, width: s.width, channels: s.channels, dtype: s.dtype });
export const shapeText = (g: DataGeometry) => `${g.height}×${g.width}×${g.channels}`;

export function checkLabels(labels: Int32Array, classes: number, where: string, findings: Finding[]): void {
  let min = Infinity;
  let max = -Infinity;
  for (const l of labels) {
    if (l < min) min = l;
    if (l > max) max = l;
  }
  if (labels.length && (min < 0 || max >= classes)) findings.push({ level: 'error', where, message: `labels range over ${min}…${max}, but bundle.json lists ${classes} classes (0…${classes - 1}).` });
}

/** Reads the first and last image, so truncation and decoding problems surface now. */
export async function probe(source: ImageSource): Promise<void> {
  if (source.count === 0) return;
  await source.readBatch(0, 1);
  if (source.count > 1) await source.readBatch(source.count - 1, 1);
}
