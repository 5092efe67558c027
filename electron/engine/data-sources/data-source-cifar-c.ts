// CIFAR-10-C layout: <dir>/<corruption>.npy with 5·n rows, severity-major, and <dir>/labels.npy
// with the n labels 5 times. A source covers one corruption at one severity. `cifarCReader` is its
// registration behind the corrupted-set seam (corrupted-set-reader.ts).
import { PruneLensError, toErrorPayload } from '../../../src-shared/base/errors';
import { allCorruptions } from '../../../src-shared/bundle/manifest';
import { CIFAR_C_LABELS_FILE, cifarCFileName, cifarCSeverityRows } from '../../../src-shared/formats/cifar-c';
import type { BundleStore } from '../bundle/bundle-archive-store';
import type { CleanSummary, CorruptedSetReader } from './corrupted-set-reader';
import { checkLabels, geometryOf, probe, shapeText } from './data-check-helpers';
import type { Finding } from './data-check-helpers';
import type { ImageSource } from './data-source-base';
import { openNpySource, readNpyLabels } from './data-source-npy';

export interface CifarCListing {
  dir: string;
  /** Corruption names (file stems), sorted. */
  corruptions: string[];
}

export async function listCifarC(store: BundleStore, dir: string): Promise<CifarCListing> {
  const label = store.label(dir);
  const info = await store.stat(dir);
  if (info?.kind !== 'dir') throw new PruneLensError('not-found', `CIFAR-10-C folder not found: ${label}`, { file: label });
  const files = (await store.list(dir)).filter((e) => e.kind === 'file').map((e) => e.name);
  if (!files.includes(CIFAR_C_LABELS_FILE)) throw new PruneLensError('bad-data', `${label}: no ${CIFAR_C_LABELS_FILE} (CIFAR-10-C layout: <corruption>.npy files and labels.npy).`, { file: label });
  const corruptions = files.filter((f) => f.endsWith('.npy') && f !== CIFAR_C_LABELS_FILE).map((f) => f.slice(0, -4)).sort();
  if (corruptions.length === 0) throw new PruneLensError('bad-data', `${label}: no <corruption>.npy files.`, { file: label });
  return { dir, corruptions };
}

const labelCache = new WeakMap<BundleStore, Map<string, Promise<Int32Array>>>();

/** Labels for all 5·n rows, read once per store and folder (every corruption shares them). */
export async function readCifarCLabels(store: BundleStore, dir: string): Promise<Int32Array> {
  let byDir = labelCache.get(store);
  if (!byDir) labelCache.set(store, (byDir = new Map()));
  let labels = byDir.get(dir);
  if (!labels) {
    labels = readNpyLabels(store, `${dir}/${CIFAR_C_LABELS_FILE}`);
    byDir.set(dir, labels);
    labels.catch(() => byDir!.delete(dir)); // a failed read is retried next time
  }
  return labels;
}

export async function openCifarCSource(
  store: BundleStore, dir: string, corruption: string, severity: number, allLabels?: Int32Array, layout?: 'NCHW' | 'NHWC',
): Promise<ImageSource> {
  const labels = allLabels ?? (await readCifarCLabels(store, dir));
  const file = `${dir}/${cifarCFileName(corruption)}`;
  const whole = await openNpySource(store, file, labels, layout);
  await whole.close();
  const label = store.label(file);
  if (whole.count !== labels.length) {
    throw new PruneLensError('bad-data', `${label} has ${whole.count} rows but ${store.label(`${dir}/${CIFAR_C_LABELS_FILE}`)} has ${labels.length} labels.`, { file: label });
  }
  const rows = cifarCSeverityRows(whole.count, severity, label);
  const source = await openNpySource(store, file, labels.slice(rows.start, rows.start + rows.count), layout, rows);
  return { ...source, description: `${corruption} severity ${severity}: ${source.description}` };
}

/** Labels against the clean set's, then every corruption's first and last image at severity 5. */
async function checkCifarC(store: BundleStore, dir: string, clean: CleanSummary, findings: Finding[]): Promise<void> {
  const listing = await listCifarC(store, dir);
  const labels = await readCifarCLabels(store, dir);
  const rows = cifarCSeverityRows(labels.length, 1, store.label(`${dir}/labels.npy`));
  checkLabels(labels, clean.classes, `${dir}/labels.npy`, findings);
  if (clean.geometry && rows.count !== clean.geometry.count) {
    findings.push({ level: 'error', where: `${dir}/labels.npy`, message: `${labels.length} rows = 5 × ${rows.count} images per severity, but the clean set has ${clean.geometry.count} images.` });
  } else if (clean.labels && !labels.subarray(0, rows.count).every((l, i) => l === clean.labels![i])) {
    findings.push({ level: 'warning', where: `${dir}/labels.npy`, message: 'severity-1 labels differ from the clean labels: are the images in the same order?' });
  }
  for (const corruption of listing.corruptions) {
    try {
      const source = await openCifarCSource(store, dir, corruption, 5, labels);
      try {
        await probe(source);
        const g = clean.geometry;
        if (g && (source.height !== g.height || source.width !== g.width || source.channels !== g.channels)) {
          findings.push({ level: 'error', where: `${dir}/${corruption}.npy`, message: `images are ${shapeText(geometryOf(source))}, clean images are ${shapeText(g)}.` });
        }
      } finally {
        await source.close();
      }
    } catch (error) {
      findings.push({ level: 'error', where: `${dir}/${corruption}.npy`, message: toErrorPayload(error).message });
    }
  }
}

export const cifarCReader: CorruptedSetReader = {
  kind: 'cifar-c',
  where: 'data.corrupted.cifarC',
  match: (corrupted) => ('cifarC' in corrupted ? corrupted.cifarC.dir : null),
  list: async (store, dir) => (await listCifarC(store, dir)).corruptions,
  open: (store, dir, corruption, severity, layout) => openCifarCSource(store, dir, corruption, severity, undefined, layout),
  files: (dir, corruption) => [`${dir}/${cifarCFileName(corruption)}`, `${dir}/${CIFAR_C_LABELS_FILE}`],
  describe: (dir) => `CIFAR-10-C layout in ${dir}`,
  async allFiles(store, dir) {
    const entries = await store.list(dir).catch(() => []);
    return entries.filter((e) => e.kind === 'file' && e.name.endsWith('.npy')).map((e) => `${dir}/${e.name}`);
  },
  check: checkCifarC,
  // A folder with labels.npy and at least one file named after a corruption.
  async scan(_store, { dir, files }) {
    const corruptionFiles = files.filter((f) => (allCorruptions as readonly string[]).includes(f.replace(/\.npy$/, '')));
    return files.includes(CIFAR_C_LABELS_FILE) && corruptionFiles.length > 0 ? { cifarC: { dir } } : null;
  },
};
