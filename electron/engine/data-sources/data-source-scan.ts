// Finds the pieces of a would-be bundle in a folder: ONNX models, a clean test set (.npy pair,
// IDX pair, or image folder) and a CIFAR-10-C-layout folder. Used by `prunelens init`.
import { toErrorPayload } from '../../../src-shared/base/errors';
import { allCorruptions } from '../../../src-shared/bundle/manifest';
import type { CleanDataSpec } from '../../../src-shared/bundle/manifest';
import { CIFAR_C_LABELS_FILE } from '../../../src-shared/formats/cifar-c';
import type { BundleStore } from '../bundle/bundle-archive-store';
import { openCleanSource, readLabels } from './data-source';
import { readNpyHeader } from './data-source-npy';

const MAX_DEPTH = 4;
const IMAGE_FILE = /\.(png|jpe?g)$/i;

export interface ScanResult {
  models: string[];
  clean: CleanDataSpec | null;
  /** Class names when the data says them (image-folder subfolders). */
  classNames: string[] | null;
  cifarC: string | null;
  notes: string[];
}

interface Found {
  onnx: string[];
  npy: string[];
  idx: string[];
  imageFolders: string[];
  cifarC: string[];
}

async function walk(store: BundleStore, dir: string, depth: number, found: Found): Promise<void> {
  const entries = await store.list(dir);
  const join = (name: string) => (dir ? `${dir}/${name}` : name);
  const files = entries.filter((e) => e.kind === 'file').map((e) => e.name);
  const subdirs = entries.filter((e) => e.kind === 'dir' && !e.name.startsWith('.') && e.name !== 'node_modules').map((e) => e.name);
  const corruptionFiles = files.filter((f) => (allCorruptions as readonly string[]).includes(f.replace(/\.npy$/, '')));
  if (files.includes(CIFAR_C_LABELS_FILE) && corruptionFiles.length > 0) {
    found.cifarC.push(dir);
    return;
  }
  for (const f of files) {
    if (f.toLowerCase().endsWith('.onnx')) found.onnx.push(join(f));
    else if (f.toLowerCase().endsWith('.npy')) found.npy.push(join(f));
    else if (/idx\d-ubyte(\.gz)?$/i.test(f) || /ubyte(\.gz)?$/i.test(f)) found.idx.push(join(f));
  }
  let classDirs = 0;
  for (const sub of subdirs) {
    const inner = await store.list(join(sub));
    if (inner.some((e) => e.kind === 'file' && IMAGE_FILE.test(e.name))) classDirs++;
  }
  if (classDirs >= 2) {
    found.imageFolders.push(dir);
    return;
  }
  if (depth < MAX_DEPTH) for (const sub of subdirs) await walk(store, join(sub), depth + 1, found);
}

const testFirst = (a: string, b: string) => Number(/t10k|test|val/i.test(b)) - Number(/t10k|test|val/i.test(a)) || a.localeCompare(b);

async function pairNpy(store: BundleStore, files: string[], notes: string[]): Promise<CleanDataSpec | null> {
  const images: { path: string; rows: number }[] = [];
  const labels: { path: string; rows: number }[] = [];
  for (const path of files) {
    const file = await store.open(path, '.npy file');
    try {
      const { header } = await readNpyHeader(file, store.label(path));
      const integer = ['u1', 'i1', 'i2', 'u2', 'i4', 'u4', 'i8'].includes(header.dtype);
      if (header.shape.length >= 3) images.push({ path, rows: header.shape[0] });
      else if (integer && (header.shape.length === 1 || header.shape[1] === 1)) labels.push({ path, rows: header.shape[0] });
    } catch (error) {
      notes.push(`skipped ${path}: ${toErrorPayload(error).message}`);
    } finally {
      await file.close();
    }
  }
  for (const image of images.sort((a, b) => testFirst(a.path, b.path))) {
    const match = labels.filter((l) => l.rows === image.rows).sort((a, b) => Number(/label/i.test(b.path)) - Number(/label/i.test(a.path)) || testFirst(a.path, b.path))[0];
    if (match) return { images: image.path, labels: match.path, format: 'npy' };
  }
  return null;
}

async function pairIdx(store: BundleStore, files: string[]): Promise<CleanDataSpec | null> {
  const images = files.filter((f) => /images|idx3/i.test(f)).sort(testFirst);
  const labels = files.filter((f) => /labels|idx1/i.test(f)).sort(testFirst);
  for (const image of images) {
    const stem = image.replace(/images.*$/i, '').replace(/idx3.*$/i, '');
    const label = labels.find((l) => l.startsWith(stem)) ?? labels[0];
    if (label) {
      try {
        await readLabels(store, label);
        return { images: image, labels: label, format: 'idx' };
      } catch {
        // not a readable labels file: try the next pair
      }
    }
  }
  return null;
}

export async function scanBundleFolder(store: BundleStore): Promise<ScanResult> {
  const found: Found = { onnx: [], npy: [], idx: [], imageFolders: [], cifarC: [] };
  await walk(store, '', 0, found);
  const notes: string[] = [];
  let clean = (await pairNpy(store, found.npy, notes)) ?? (await pairIdx(store, found.idx));
  let classNames: string[] | null = null;
  if (!clean && found.imageFolders.length) {
    const folder = [...found.imageFolders].sort(testFirst)[0];
    clean = { images: folder || '.', format: 'image-folder' };
    classNames = (await store.list(folder)).filter((e) => e.kind === 'dir').map((e) => e.name);
  }
  if (clean) {
    try {
      const source = await openCleanSource(store, clean);
      notes.push(`clean test set: ${source.description}`);
      await source.close();
    } catch (error) {
      notes.push(`the clean data found does not open: ${toErrorPayload(error).message}`);
    }
  } else notes.push('no clean test set found (.npy images + labels, IDX images + labels, or a folder of class subfolders).');
  if (found.cifarC.length > 1) notes.push(`several CIFAR-10-C folders; using ${found.cifarC[0]}.`);
  return { models: found.onnx.sort(), clean, classNames, cifarC: found.cifarC[0] ?? null, notes };
}
