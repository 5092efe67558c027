// CIFAR-10-C layout: <dir>/<corruption>.npy with 5·n rows, severity-major, and <dir>/labels.npy
// with the n labels 5 times. A source covers one corruption at one severity.
import { PruneLensError } from '../../../src-shared/base/errors';
import { CIFAR_C_LABELS_FILE, cifarCFileName, cifarCSeverityRows } from '../../../src-shared/formats/cifar-c';
import type { BundleStore } from '../bundle/bundle-archive-store';
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
