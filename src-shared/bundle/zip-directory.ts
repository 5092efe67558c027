// Zip archive structure (PKWARE APPNOTE), parsed from byte ranges so a .plbundle is opened
// without reading or unpacking it whole: the end-of-central-directory record (zip64 too), the
// central directory, and each entry's local header. Unsafe names and zip bombs are refused.
import { PruneLensError } from '../base/errors';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  localHeaderOffset: number;
}

export interface CentralDirectoryLocation {
  offset: number;
  size: number;
  entries: number;
}

/** Bytes to read from the end of the file to find the EOCD record (22 + max comment 65535). */
export const EOCD_SEARCH_BYTES = 22 + 65535;
export const LOCAL_HEADER_BYTES = 30;
/** Central directories larger than this are refused. */
export const MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024;
/** Deflate cannot exceed ~1032:1; a larger declared ratio is a bomb or a lie. */
const MAX_DEFLATE_RATIO = 1100;

const bad = (label: string, message: string, offset?: number) =>
  new PruneLensError('bad-data', `${label}: ${message}`, offset === undefined ? { file: label } : { file: label, offset });

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

function u64(v: DataView, at: number, label: string): number {
  const n = Number(v.getBigUint64(at, true));
  if (!Number.isSafeInteger(n)) throw bad(label, `64-bit field at ${at} is too large.`);
  return n;
}

export type EocdResult = { kind: 'classic'; location: CentralDirectoryLocation } | { kind: 'zip64'; zip64EocdOffset: number };

/** Finds the EOCD in the last bytes of the file (`tail` starts at file offset `tailStart`). */
export function findEndOfCentralDirectory(tail: Uint8Array, tailStart: number, fileSize: number, label: string): EocdResult {
  const v = view(tail);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (v.getUint32(i, true) !== 0x06054b50) continue;
    if (i + 22 + v.getUint16(i + 20, true) !== tail.length) continue; // the comment must end the file
    const entries = v.getUint16(i + 10, true);
    const size = v.getUint32(i + 12, true);
    const offset = v.getUint32(i + 16, true);
    if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
      const at = i - 20;
      if (at < 0 || v.getUint32(at, true) !== 0x07064b50) throw bad(label, 'zip64 archive without a zip64 locator.', tailStart + i);
      return { kind: 'zip64', zip64EocdOffset: u64(v, at + 8, label) };
    }
    return { kind: 'classic', location: checkLocation({ offset, size, entries }, tailStart + i, label) };
  }
  throw bad(label, 'not a zip archive (no end-of-central-directory record).', Math.max(0, fileSize - 22));
}

/** Parses the 56-byte zip64 end-of-central-directory record. */
export function parseZip64Eocd(record: Uint8Array, recordOffset: number, label: string): CentralDirectoryLocation {
  if (record.length < 56 || view(record).getUint32(0, true) !== 0x06064b50) throw bad(label, 'bad zip64 end-of-central-directory record.', recordOffset);
  const v = view(record);
  return checkLocation({ entries: u64(v, 32, label), size: u64(v, 40, label), offset: u64(v, 48, label) }, recordOffset, label);
}

function checkLocation(loc: CentralDirectoryLocation, eocdOffset: number, label: string): CentralDirectoryLocation {
  if (loc.offset + loc.size > eocdOffset) throw bad(label, `central directory (${loc.size} bytes at ${loc.offset}) overlaps its end record.`, eocdOffset);
  if (loc.size > MAX_CENTRAL_DIRECTORY_BYTES) throw bad(label, `central directory of ${loc.size} bytes is too large.`, eocdOffset);
  if (loc.entries * 46 > loc.size) throw bad(label, `${loc.entries} entries cannot fit in a ${loc.size}-byte central directory.`, eocdOffset);
  return loc;
}

/** A path inside the archive that is safe to use: relative, no `..`, no drive letter, no NUL. */
export function isSafeEntryName(name: string): boolean {
  if (!name || name.includes('\0') || /^([a-zA-Z]:|[\\/])/.test(name)) return false;
  return !name.split(/[\\/]/).some((part) => part === '..');
}

export interface ZipLimits {
  /** Largest uncompressed entry accepted. */
  maxEntryBytes: number;
}

/** Parses the central directory. Directory entries are skipped; unsafe names, encryption and bombs throw. */
export function parseCentralDirectory(bytes: Uint8Array, location: CentralDirectoryLocation, fileSize: number, label: string, limits: ZipLimits): ZipEntry[] {
  const v = view(bytes);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < location.entries; i++) {
    if (at + 46 > bytes.length || v.getUint32(at, true) !== 0x02014b50) throw bad(label, `central directory entry ${i} is corrupt.`, location.offset + at);
    const flags = v.getUint16(at + 8, true);
    const method = v.getUint16(at + 10, true);
    const crc32 = v.getUint32(at + 16, true);
    let compressedSize = v.getUint32(at + 20, true);
    let uncompressedSize = v.getUint32(at + 24, true);
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const commentLength = v.getUint16(at + 32, true);
    let localHeaderOffset = v.getUint32(at + 42, true);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > bytes.length) throw bad(label, `central directory entry ${i} runs past the directory.`, location.offset + at);
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // zip64 extended information: the 0xFFFFFFFF fields, in order, as 64-bit values
    for (let e = at + 46 + nameLength; e + 4 <= at + 46 + nameLength + extraLength;) {
      const id = v.getUint16(e, true);
      const size = v.getUint16(e + 2, true);
      if (id === 0x0001) {
        let p = e + 4;
        const take = () => {
          if (p + 8 > e + 4 + size) throw bad(label, `entry '${name}' has a short zip64 field.`, location.offset + e);
          const n = u64(v, p, label);
          p += 8;
          return n;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      e += 4 + size;
    }
    at = end;
    if (name.endsWith('/')) continue;
    if (!isSafeEntryName(name)) throw bad(label, `entry '${name}' has an unsafe path (absolute or with "..").`, location.offset + at);
    if (flags & 1) throw bad(label, `entry '${name}' is encrypted.`);
    if (method !== 0 && method !== 8) throw bad(label, `entry '${name}' uses compression method ${method} (only stored and deflate are supported).`);
    if (localHeaderOffset + LOCAL_HEADER_BYTES + compressedSize > location.offset) throw bad(label, `entry '${name}' lies outside the archive data.`, localHeaderOffset);
    if (uncompressedSize > limits.maxEntryBytes) throw bad(label, `entry '${name}' unpacks to ${uncompressedSize} bytes, over the ${limits.maxEntryBytes}-byte limit.`);
    if (method === 0 && compressedSize !== uncompressedSize) throw bad(label, `stored entry '${name}' has different packed and unpacked sizes.`);
    if (method === 8 && uncompressedSize > Math.max(1 << 20, compressedSize * MAX_DEFLATE_RATIO)) throw bad(label, `entry '${name}' declares a ${Math.round(uncompressedSize / Math.max(1, compressedSize))}:1 compression ratio (zip bomb?).`);
    entries.push({ name: name.replace(/\\/g, '/'), method, compressedSize, uncompressedSize, crc32, localHeaderOffset });
  }
  if (fileSize < location.offset + location.size) throw bad(label, 'archive is truncated.', fileSize);
  return entries;
}

/** Offset of an entry's data, from its 30-byte local header (whose name/extra lengths may differ from the central copy). */
export function localDataOffset(header: Uint8Array, entry: ZipEntry, label: string): number {
  if (header.length < LOCAL_HEADER_BYTES || view(header).getUint32(0, true) !== 0x04034b50) throw bad(label, `entry '${entry.name}' has no local header.`, entry.localHeaderOffset);
  const v = view(header);
  return entry.localHeaderOffset + LOCAL_HEADER_BYTES + v.getUint16(26, true) + v.getUint16(28, true);
}
