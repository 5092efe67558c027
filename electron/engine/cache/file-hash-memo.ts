// Remembers content hashes of bundle data files across processes, so reopening a bundle does not
// re-read gigabytes of images (19 × 5 CIFAR-10-C files) only to key its cache. A remembered hash
// is used only while every file has the same device, inode, size, mtime AND ctime (to the
// nanosecond) as when it was hashed: any write, rename-over or `cp -p` changes ctime, which no
// user tool can set back. Anything unreadable or different → hashed again (and remembered anew).
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file';

const DIR = 'file-hashes-v1';

async function signature(files: readonly string[]): Promise<string[] | null> {
  try {
    return await Promise.all(files.map(async (file) => {
      const s = await stat(file, { bigint: true });
      return `${file}\u0000${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
    }));
  } catch {
    return null; // a missing file: let `compute` report it
  }
}

/** `compute()` (the hash of `files`), or the value remembered for exactly these unchanged files. */
export async function memoizedFileHash(cacheRoot: string, files: readonly string[], compute: () => Promise<string>): Promise<string> {
  const before = await signature(files);
  if (!before) return compute();
  const id = createHash('sha256').update(files.join('\u0000')).digest('hex');
  const memo = path.join(cacheRoot, DIR, id.slice(0, 2), `${id}.json`);
  try {
    const saved = JSON.parse(await readFile(memo, 'utf8')) as { signature: string[]; hash: string };
    if (JSON.stringify(saved.signature) === JSON.stringify(before) && typeof saved.hash === 'string' && /^[0-9a-f]{32}$/.test(saved.hash)) return saved.hash;
  } catch {
    // absent or damaged: hash again
  }
  const hash = await compute();
  // Remembered only when nothing changed while hashing (a file being written is hashed again next time).
  const after = await signature(files);
  if (after && JSON.stringify(after) === JSON.stringify(before)) {
    await writeFileAtomic(memo, new TextEncoder().encode(JSON.stringify({ signature: before, hash }))).catch(() => undefined);
  }
  return hash;
}
