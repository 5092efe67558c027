// A bundle packed as one zip archive (.plbundle): only the central directory is read up front;
// an entry is read when asked for — stored entries by byte range (large .npy files stay on disk),
// deflated ones inflated in a worker thread (unpack/) with byte and time budgets. Duplicate or
// overlapping entries are refused, and a failure is remembered per file identity (unpack/failure-memo.ts).
// Deflated entries also share an archive-wide budget (unpack/archive-budget.ts): bytes inflating or
// held open at once, and distinct bytes inflated in all.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PruneLensError } from '../../../src-shared/base/errors';
import {
  EOCD_SEARCH_BYTES, findEndOfCentralDirectory, localDataOffset, LOCAL_HEADER_BYTES, parseCentralDirectory, parseZip64Eocd,
} from '../../../src-shared/bundle/zip-directory';
import type { ZipEntry } from '../../../src-shared/bundle/zip-directory';
import { checkBombBudget, checkEntryLayout } from '../../../src-shared/bundle/zip-layout';
import { fileRandomAccess, MAX_WHOLE_FILE_BYTES } from './bundle-archive-store';
import type { BundleStore, RandomAccessFile, StoreEntry } from './bundle-archive-store';
import { ArchiveInflateBudget } from '../unpack/archive-budget';
import type { ArchiveBudgetLimits, InflateLease } from '../unpack/archive-budget';
import { fileIdentity, withFailureMemo } from '../unpack/failure-memo';
import { unpackOffThread } from '../unpack/unpack-pool';

export const ARCHIVE_EXTENSION = '.plbundle';
/** Largest stored entry read whole into memory (models, labels). Data arrays are read by ranges. */
export const MAX_STORED_WHOLE_ENTRY_BYTES = 1024 ** 3;
/**
 * Largest deflated entry we inflate into memory (it stays there while the bundle is open).
 * Larger arrays must be stored uncompressed (`zip -0`), which are read by byte ranges instead.
 */
export const MAX_INFLATED_ENTRY_BYTES = 256 * 1024 ** 2;

export function memoryRandomAccess(bytes: Uint8Array, onClose?: () => void): RandomAccessFile {
  return {
    size: bytes.length,
    async read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > bytes.length) throw new PruneLensError('bad-data', `read of ${length} bytes at ${offset} is past the end (${bytes.length} bytes).`, { offset });
      return bytes.slice(offset, offset + length);
    },
    async close() {
      onClose?.();
    },
  };
}

export interface ArchiveStoreOptions {
  /** The archive-wide budget for deflated entries (default: MAX_ARCHIVE_OPEN_INFLATED_BYTES, MAX_ARCHIVE_INFLATED_BYTES). */
  budget?: ArchiveBudgetLimits;
}

export async function openArchiveStore(archive: string, options: ArchiveStoreOptions = {}): Promise<BundleStore> {
  const root = path.resolve(archive);
  const label = path.basename(root);
  const info = await stat(root).catch(() => null);
  if (!info?.isFile()) throw new PruneLensError('not-found', `Bundle archive not found: ${root}`, { file: root });
  const file = fileRandomAccess(root, info.size);
  const identity = await fileIdentity(root);
  let entries: ZipEntry[];
  try {
    entries = await withFailureMemo(identity, () => readDirectory(file, info.size, label, root));
  } catch (error) {
    await file.close();
    throw error;
  }
  return archiveStore(file, entries, { root, label, size: info.size, identity }, new ArchiveInflateBudget(label, options.budget));
}

/** The central directory's entries, with their layout checked (no duplicates, no overlaps). */
async function readDirectory(file: RandomAccessFile, size: number, label: string, root: string): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, size - EOCD_SEARCH_BYTES);
  const eocd = findEndOfCentralDirectory(await file.read(tailStart, size - tailStart), tailStart, size, label);
  const location = eocd.kind === 'classic' ? eocd.location : parseZip64Eocd(await file.read(eocd.zip64EocdOffset, Math.min(56, size - eocd.zip64EocdOffset)), eocd.zip64EocdOffset, label);
  if (location.offset + location.size > size) throw new PruneLensError('bad-data', `${label}: archive is truncated.`, { file: root });
  const entries = parseCentralDirectory(await file.read(location.offset, location.size), location, size, label, { maxEntryBytes: Number.MAX_SAFE_INTEGER });
  checkEntryLayout(entries, label);
  checkBombBudget(entries, label);
  return entries;
}

function archiveStore(file: RandomAccessFile, entries: ZipEntry[], archive: { root: string; label: string; size: number; identity: string | null }, budget: ArchiveInflateBudget): BundleStore {
  const { root, label, identity } = archive;
  const info = { size: archive.size };
  const byName = new Map(entries.map((e) => [e.name, e]));
  const dirs = new Set<string>(['']);
  for (const e of entries) {
    const parts = e.name.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const norm = (relative: string) => relative.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const entryOf = (relative: string, what: string) => {
    const e = byName.get(norm(relative));
    if (!e) throw new PruneLensError('not-found', `${what} not found in ${label}: ${relative}`, { file: `${root}:${relative}` });
    return e;
  };
  const dataOffset = async (e: ZipEntry) => {
    const offset = localDataOffset(await file.read(e.localHeaderOffset, Math.min(LOCAL_HEADER_BYTES, info.size - e.localHeaderOffset)), e, label);
    if (offset + e.compressedSize > info.size) throw new PruneLensError('bad-data', `${label}: entry '${e.name}' runs past the end of the archive.`, { file: root, offset });
    return offset;
  };
  const checkCap = (e: ZipEntry, what: string, maxBytes: number) => {
    const cap = Math.min(maxBytes, e.method === 0 ? MAX_STORED_WHOLE_ENTRY_BYTES : MAX_INFLATED_ENTRY_BYTES);
    if (e.uncompressedSize > cap) {
      const hint = e.method === 0 ? '' : ' (store large arrays uncompressed, e.g. `zip -0`: they are then read by byte ranges)';
      throw new PruneLensError('bad-data', `${label}:${e.name}: ${what} unpacks to ${e.uncompressedSize} bytes, over the ${cap}-byte limit${hint}.`, { file: `${root}:${e.name}` });
    }
    return cap;
  };
  // Inflation and CRC checks run in a worker thread, never on this event loop. A deflated entry
  // first reserves its declared size (where the worker stops it) in the archive-wide budget; the
  // budget's refusals depend on what else is open, so they are not remembered per file.
  const inflateEntry = async (e: ZipEntry, maxBytes: number): Promise<{ bytes: Uint8Array; lease: InflateLease | null }> => {
    const lease = e.method === 8 ? await budget.acquire(e.name, e.uncompressedSize) : null;
    try {
      const bytes = await withFailureMemo(identity && `${identity}:${e.name}`, async () => {
        const raw = await file.read(await dataOffset(e), e.compressedSize);
        const kind = e.method === 0 ? 'stored' : 'deflate';
        return unpackOffThread({ kind, input: raw, maxBytes, expectedBytes: e.uncompressedSize, expectedCrc: e.crc32, fileLabel: `${label}:${e.name}` });
      });
      return { bytes, lease };
    } catch (error) {
      lease?.release();
      throw error;
    }
  };
  const store: BundleStore = {
    kind: 'archive',
    root,
    label: (relative) => `${root}:${norm(relative)}`,
    async stat(relative) {
      const n = norm(relative);
      const e = byName.get(n);
      return e ? { kind: 'file', size: e.uncompressedSize } : dirs.has(n) ? { kind: 'dir', size: 0 } : null;
    },
    async list(relative) {
      const n = norm(relative);
      if (!dirs.has(n)) throw new PruneLensError('not-found', `Folder not found in ${label}: ${relative}`, { file: `${root}:${relative}` });
      const prefix = n ? `${n}/` : '';
      const seen = new Map<string, StoreEntry>();
      for (const name of [...byName.keys(), ...dirs]) {
        if (!name.startsWith(prefix) || name === n) continue;
        const rest = name.slice(prefix.length);
        const [first] = rest.split('/');
        if (!seen.has(first)) seen.set(first, { name: first, kind: rest.includes('/') || dirs.has(prefix + first) ? 'dir' : 'file' });
      }
      return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    async readFile(relative, what, maxBytes = MAX_WHOLE_FILE_BYTES) {
      const e = entryOf(relative, what);
      const { bytes, lease } = await inflateEntry(e, checkCap(e, what, maxBytes));
      lease?.release(); // handed to the caller: no longer in flight
      return bytes;
    },
    async open(relative, what) {
      const e = entryOf(relative, what);
      if (e.method === 8) {
        // Held open: its bytes count against the archive's budget until the handle is closed.
        const { bytes, lease } = await inflateEntry(e, checkCap(e, what, MAX_INFLATED_ENTRY_BYTES));
        lease?.hold();
        return memoryRandomAccess(bytes, () => lease?.release());
      }
      const start = await dataOffset(e);
      // stored: byte ranges straight from the archive (CRC not checked on partial reads)
      return {
        size: e.uncompressedSize,
        read: (offset, length) => {
          if (offset < 0 || length < 0 || offset + length > e.uncompressedSize) {
            return Promise.reject(new PruneLensError('bad-data', `${label}:${e.name}: read of ${length} bytes at ${offset} is past the end (${e.uncompressedSize} bytes).`, { file: `${root}:${e.name}`, offset }));
          }
          return file.read(start + offset, length);
        },
        close: async () => {},
      };
    },
    identity: async (relative) => identity && `${identity}:${norm(relative)}`,
    close: () => file.close(),
  };
  return store;
}
