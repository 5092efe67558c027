// Identifies a bundle's clean data by content (SHA-256 over the files), for cache keys.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { BundleStore } from '../bundle/bundle-archive-store';
import { memoizedFileHash } from '../cache/file-hash-memo';

const CHUNK = 8 * 1024 * 1024;

/** `memoRoot`: a cache folder where the hash of a folder bundle's unchanged files is remembered (cache/file-hash-memo.ts). */
export async function hashStoreFiles(store: BundleStore, relatives: string[], memoRoot?: string): Promise<string> {
  if (memoRoot && store.kind === 'folder') return memoizedFileHash(memoRoot, relatives.filter(Boolean).map((r) => path.join(store.root, r)), () => hashStoreFiles(store, relatives));
  const hash = createHash('sha256');
  for (const relative of relatives.filter(Boolean)) {
    const file = await store.open(relative, 'Data file');
    try {
      for (let offset = 0; offset < file.size; offset += CHUNK) hash.update(await file.read(offset, Math.min(CHUNK, file.size - offset)));
    } finally {
      await file.close();
    }
    hash.update('\u0000');
  }
  return hash.digest('hex').slice(0, 32);
}
