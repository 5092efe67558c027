// Provenance for the report: which files the results came from, by SHA-256, read through the
// bundle's store (folder or archive) in chunks so large data files never sit in memory whole.
import { createHash } from 'node:crypto';
import type { BundleStore } from '../../bundle/bundle-archive-store';
import type { BundleManifest } from '../../../../src-shared/bundle/manifest';
import { findCorruptedSetReader } from '../../data-sources/data-source-registry';

export interface HashedFile {
  path: string;
  bytes: number;
  sha256: string;
}

const CHUNK = 8 * 1024 * 1024;

export async function hashStoreFile(store: BundleStore, relative: string, signal?: AbortSignal): Promise<HashedFile> {
  const file = await store.open(relative, 'Bundle file');
  const hash = createHash('sha256');
  try {
    for (let offset = 0; offset < file.size; offset += CHUNK) {
      signal?.throwIfAborted();
      hash.update(await file.read(offset, Math.min(CHUNK, file.size - offset)));
    }
  } finally {
    await file.close();
  }
  return { path: relative, bytes: file.size, sha256: hash.digest('hex') };
}

/** The files a bundle's results depend on: bundle.json, every model, the clean data, precomputed corruptions. */
export async function bundleFiles(store: BundleStore, manifest: BundleManifest): Promise<string[]> {
  const files = ['bundle.json', ...manifest.models.map((m) => m.path), manifest.data.clean.images];
  if (manifest.data.clean.labels) files.push(manifest.data.clean.labels);
  const precomputed = findCorruptedSetReader(manifest.data.corrupted);
  if (precomputed) files.push(...(await precomputed.reader.allFiles(store, precomputed.location)));
  const present: string[] = [];
  for (const f of files) if ((await store.stat(f))?.kind === 'file') present.push(f);
  return [...new Set(present)];
}

export async function hashBundleFiles(store: BundleStore, manifest: BundleManifest, signal?: AbortSignal): Promise<HashedFile[]> {
  const out: HashedFile[] = [];
  for (const f of await bundleFiles(store, manifest)) out.push(await hashStoreFile(store, f, signal));
  return out;
}
