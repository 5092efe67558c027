// Where a bundle's files live: a folder, or a single zip archive (.plbundle). Both are read
// through this interface by relative path, with random access for large data files.
import { open, readdir, realpath, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { PruneLensError } from '../../../src-shared/base/errors';
import { fileIdentity } from '../unpack/failure-memo';

export interface RandomAccessFile {
  size: number;
  /** Exactly `length` bytes at `offset` (throws `bad-data` when the file is shorter). */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface StoreEntry {
  name: string;
  kind: 'file' | 'dir';
}

export interface BundleStore {
  kind: 'folder' | 'archive';
  /** Absolute path of the folder or archive. */
  root: string;
  /** How to name a bundle path in messages. */
  label(relative: string): string;
  stat(relative: string): Promise<{ kind: 'file' | 'dir'; size: number } | null>;
  /** Entries of a folder ('' is the root), sorted by name. */
  list(relative: string): Promise<StoreEntry[]>;
  /** A whole file (refused above `maxBytes`). */
  readFile(relative: string, what: string, maxBytes?: number): Promise<Uint8Array>;
  open(relative: string, what: string): Promise<RandomAccessFile>;
  /** What identifies a file's bytes (path, size, mtime, inode; for archives plus the entry name), for remembering failures; null when unknown. */
  identity?(relative: string): Promise<string | null>;
  close(): Promise<void>;
}

export const MAX_WHOLE_FILE_BYTES = 2 * 1024 ** 3 - 1;

const notFound = (what: string, where: string) => new PruneLensError('not-found', `${what} not found: ${where}`, { file: where });

/** Random access over an fs file handle (opened lazily, closed by close()). */
export function fileRandomAccess(file: string, size: number): RandomAccessFile {
  let handle: Promise<FileHandle> | null = null;
  return {
    size,
    async read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > size) throw new PruneLensError('bad-data', `${file}: read of ${length} bytes at ${offset} is past the end (${size} bytes).`, { file, offset });
      handle ??= open(file, 'r');
      const out = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await (await handle).read(out, done, length - done, offset + done);
        if (bytesRead === 0) throw new PruneLensError('bad-data', `${file}: file shrank while reading (offset ${offset + done}).`, { file, offset: offset + done });
        done += bytesRead;
      }
      return out;
    },
    async close() {
      const h = handle;
      handle = null;
      if (h) await (await h).close();
    },
  };
}

export function folderStore(root: string): BundleStore {
  const resolve = (relative: string) => {
    const full = path.resolve(root, relative);
    if (full !== root && !full.startsWith(root + path.sep)) throw new PruneLensError('forbidden', `'${relative}' is outside the bundle folder.`, { file: relative });
    return full;
  };
  let realRoot: Promise<string> | null = null;
  // Symlinks may point anywhere: the real path must stay inside the bundle's real folder too.
  const checkReal = async (relative: string, full: string) => {
    realRoot ??= realpath(root);
    const [base, real] = await Promise.all([realRoot, realpath(full)]);
    if (real !== base && !real.startsWith(base + path.sep)) throw new PruneLensError('forbidden', `'${relative}' leads outside the bundle folder (through a symbolic link).`, { file: relative });
  };
  const statOf = async (relative: string) => {
    try {
      await checkReal(relative, resolve(relative));
      const info = await stat(resolve(relative));
      return info.isDirectory() ? { kind: 'dir' as const, size: 0 } : info.isFile() ? { kind: 'file' as const, size: info.size } : null;
    } catch (error) {
      if (error instanceof PruneLensError) throw error;
      return null;
    }
  };
  const fileInfo = async (relative: string, what: string) => {
    const info = await statOf(relative);
    if (!info) throw notFound(what, resolve(relative));
    if (info.kind !== 'file') throw new PruneLensError('not-found', `${what} is a folder, not a file: ${resolve(relative)}`, { file: resolve(relative) });
    return info;
  };
  return {
    kind: 'folder',
    root,
    label: (relative) => resolve(relative),
    stat: statOf,
    async list(relative) {
      const dir = resolve(relative);
      await checkReal(relative, dir).catch((error: unknown) => {
        if (error instanceof PruneLensError) throw error;
        throw notFound('Folder', dir);
      });
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
        throw notFound('Folder', dir);
      });
      return entries
        .filter((e) => e.isFile() || e.isDirectory())
        .map((e) => ({ name: e.name, kind: e.isDirectory() ? ('dir' as const) : ('file' as const) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    async readFile(relative, what, maxBytes = MAX_WHOLE_FILE_BYTES) {
      const info = await fileInfo(relative, what);
      if (info.size > maxBytes) throw new PruneLensError('bad-data', `${what} is ${info.size} bytes, over the ${maxBytes}-byte limit: ${resolve(relative)}`, { file: resolve(relative) });
      const access = fileRandomAccess(resolve(relative), info.size);
      try {
        return await access.read(0, info.size);
      } finally {
        await access.close();
      }
    },
    async open(relative, what) {
      const info = await fileInfo(relative, what);
      return fileRandomAccess(resolve(relative), info.size);
    },
    identity: (relative) => fileIdentity(resolve(relative)),
    async close() {},
  };
}
