// Remembers which untrusted files failed to unpack or parse (bombs, corrupt streams, overlapping
// zip entries), keyed by the file's identity — path, size, mtime and inode — so the same bad file
// is refused at once the next time instead of being inflated again. A changed file (new size,
// mtime or inode) gets a fresh try. Only `bad-data` failures are remembered: they depend on the
// bytes alone.
import { stat } from 'node:fs/promises';
import { PruneLensError } from '../../../src-shared/base/errors';

/** Failures remembered (least recently used forgotten first). */
export const MAX_REMEMBERED_FAILURES = 1024;

const failures = new Map<string, PruneLensError>();

/** `path|size|mtime|inode` of a file, or null when it cannot be read. */
export async function fileIdentity(file: string): Promise<string | null> {
  const info = await stat(file, { bigint: true }).catch(() => null);
  return info ? `${file}|${info.size}|${info.mtimeNs}|${info.dev}:${info.ino}` : null;
}

export function rememberedFailure(key: string | null): PruneLensError | undefined {
  if (key === null) return undefined;
  const error = failures.get(key);
  if (error) {
    failures.delete(key);
    failures.set(key, error);
  }
  return error;
}

/** Throws the failure remembered for `key` again (marked `remembered`), if any. */
export function throwIfRemembered(key: string | null): void {
  const known = rememberedFailure(key);
  if (known) throw new PruneLensError(known.code, known.message, { ...known.details, remembered: 1 });
}

/** Runs `work` unless `key` failed before (then throws that error again); remembers a `bad-data` failure. */
export async function withFailureMemo<T>(key: string | null, work: () => Promise<T>): Promise<T> {
  throwIfRemembered(key);
  try {
    return await work();
  } catch (error) {
    if (key !== null && error instanceof PruneLensError && error.code === 'bad-data') {
      failures.set(key, error);
      while (failures.size > MAX_REMEMBERED_FAILURES) failures.delete(failures.keys().next().value!);
    }
    throw error;
  }
}

/** For tests: forget everything. */
export function forgetFailures(): void {
  failures.clear();
}
