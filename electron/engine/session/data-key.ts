// Identifies a bundle's clean data by content (SHA-256 over the files), for cache keys.
import { createHash } from 'node:crypto';
import type { BundleStore } from '../bundle-archive-store';

const CHUNK = 8 * 1024 * 1024;

export async function hashStoreFiles(store: BundleStore, relatives: string[]): Promise<string> {
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
