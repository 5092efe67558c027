// Checks a bundle's data without running any model: every file readable, label counts and
// ranges, precomputed corrupted sets consistent with each other and with the clean set (their
// reader's check), and image geometry consistent with a model's input.
import { toErrorPayload } from '../../../src-shared/base/errors';
import type { BundleManifest } from '../../../src-shared/bundle/manifest';
import type { BundleStore } from '../bundle/bundle-archive-store';
import { checkLabels, geometryOf, probe } from './data-check-helpers';
import type { DataGeometry, Finding } from './data-check-helpers';
import { openCleanSource } from './data-source';
import { findCorruptedSetReader } from './data-source-registry';

export type { DataGeometry, Finding };

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
  // Precomputed corrupted sets: checked by their layout's reader (e.g. CIFAR-10-C: labels and files agree with the clean set).
  const precomputed = findCorruptedSetReader(manifest.data.corrupted);
  if (precomputed) {
    try {
      await precomputed.reader.check(store, precomputed.location, { geometry: clean, labels: cleanLabels, classes }, findings);
    } catch (error) {
      findings.push({ level: 'error', where: precomputed.reader.where, message: toErrorPayload(error).message });
    }
  }
  return { findings, clean };
}
