// Checks a bundle's data without running any model: every file readable, label counts and
// ranges, CIFAR-10-C files consistent with each other and with the clean set, and image
// geometry consistent with a model's input.
import { toErrorPayload } from '../../../src-shared/base/errors';
import type { BundleManifest } from '../../../src-shared/bundle/manifest';
import type { ImageGeometry } from '../../../src-shared/data/preprocess';
import { cifarCSeverityRows } from '../../../src-shared/formats/cifar-c';
import type { BundleStore } from '../bundle/bundle-archive-store';
import { openCleanSource } from './data-source';
import type { ImageSource } from './data-source-base';
import { listCifarC, openCifarCSource, readCifarCLabels } from './data-source-cifar-c';

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

const geometryOf = (s: ImageSource): DataGeometry => ({ count: s.count, height: s.height, width: s.width, channels: s.channels, dtype: s.dtype });
const shapeText = (g: DataGeometry) => `${g.height}×${g.width}×${g.channels}`;

function checkLabels(labels: Int32Array, classes: number, where: string, findings: Finding[]): void {
  let min = Infinity;
  let max = -Infinity;
  for (const l of labels) {
    if (l < min) min = l;
    if (l > max) max = l;
  }
  if (labels.length && (min < 0 || max >= classes)) findings.push({ level: 'error', where, message: `labels range over ${min}…${max}, but bundle.json lists ${classes} classes (0…${classes - 1}).` });
}

/** Reads the first and last image, so truncation and decoding problems surface now. */
async function probe(source: ImageSource): Promise<void> {
  if (source.count === 0) return;
  await source.readBatch(0, 1);
  if (source.count > 1) await source.readBatch(source.count - 1, 1);
}

export async function checkBundleData(store: BundleStore, manifest: BundleManifest): Promise<{ findings: Finding[]; clean: DataGeometry | null }> {
  const findings: Finding[] = [];
  const classes = manifest.classes.length;
  let clean: DataGeometry | null = null;
  let cleanLabels: Int32Array | null = null;
  try {
    const source = await openCleanSource(store, manifest.data.clean, manifest.classes);
    try {
      await probe(source);
      if (source.count === 0) findings.push({ level: 'error', where: 'data.clean', message: `${manifest.data.clean.images} holds no images: there is nothing to analyse.` });
      clean = geometryOf(source);
      cleanLabels = source.labels;
      checkLabels(source.labels, classes, 'data.clean.labels', findings);
      if (manifest.limit && manifest.limit > source.count) findings.push({ level: 'warning', where: 'limit', message: `limit ${manifest.limit} is more than the ${source.count} clean images.` });
      const channels = manifest.input.mean.length;
      if (channels !== 1 && channels !== source.channels) findings.push({ level: 'error', where: 'input.mean', message: `has ${channels} entries but the images have ${source.channels} channel(s) (use 1 entry or one per channel).` });
    } finally {
      await source.close();
    }
  } catch (error) {
    findings.push({ level: 'error', where: 'data.clean', message: toErrorPayload(error).message });
  }
  const corrupted = manifest.data.corrupted;
  if (corrupted && 'cifarC' in corrupted) {
    const dir = corrupted.cifarC.dir;
    try {
      const listing = await listCifarC(store, dir);
      const labels = await readCifarCLabels(store, dir);
      const rows = cifarCSeverityRows(labels.length, 1, store.label(`${dir}/labels.npy`));
      checkLabels(labels, classes, `${dir}/labels.npy`, findings);
      if (clean && rows.count !== clean.count) {
        findings.push({ level: 'error', where: `${dir}/labels.npy`, message: `${labels.length} rows = 5 × ${rows.count} images per severity, but the clean set has ${clean.count} images.` });
      } else if (cleanLabels && !labels.subarray(0, rows.count).every((l, i) => l === cleanLabels![i])) {
        findings.push({ level: 'warning', where: `${dir}/labels.npy`, message: 'severity-1 labels differ from the clean labels: are the images in the same order?' });
      }
      for (const corruption of listing.corruptions) {
        try {
          const source = await openCifarCSource(store, dir, corruption, 5, labels);
          try {
            await probe(source);
            if (clean && (source.height !== clean.height || source.width !== clean.width || source.channels !== clean.channels)) {
              findings.push({ level: 'error', where: `${dir}/${corruption}.npy`, message: `images are ${shapeText(geometryOf(source))}, clean images are ${shapeText(clean)}.` });
            }
          } finally {
            await source.close();
          }
        } catch (error) {
          findings.push({ level: 'error', where: `${dir}/${corruption}.npy`, message: toErrorPayload(error).message });
        }
      }
    } catch (error) {
      findings.push({ level: 'error', where: 'data.corrupted.cifarC', message: toErrorPayload(error).message });
    }
  }
  return { findings, clean };
}
