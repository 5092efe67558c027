// Crash-safe file writes: temp file → fsync → rename → fsync the folder. A kill at any moment
// leaves either the old file or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * `syncDirectory: false` skips the folder fsync: for files followed by another atomic write to the
 * same folder, whose folder fsync then makes every earlier rename durable too.
 */
export async function writeFileAtomic(file: string, chunks: Uint8Array | Uint8Array[], options: { syncDirectory?: boolean } = {}): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await open(temp, 'w');
  try {
    for (const chunk of Array.isArray(chunks) ? chunks : [chunks]) await handle.write(chunk);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file);
  if (options.syncDirectory !== false) await syncDirectory(path.dirname(file));
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; rename is still atomic there.
  }
}
