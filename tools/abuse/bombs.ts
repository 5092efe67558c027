// Small decompression bombs, built in memory for tests: a raw deflate stream of N zero bytes made
// of independent 16 MiB blocks (so 1 GiB packs into ~1 MB without ever allocating 1 GiB), zip
// archives whose central directory declares what the test wants (sizes, shared data), and gzip.
import { constants, deflateRawSync } from 'node:zlib';
import { crc32 } from '../../src-shared/formats/crc32';

const BLOCK_BYTES = 16 * 1024 * 1024;

/** Raw deflate of `bytes` zeros (a multiple of 16 MiB, or less than it). */
export function zeroDeflateStream(bytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  if (bytes >= BLOCK_BYTES) {
    // Full flush: every block is independent of the ones before, so the same bytes can repeat.
    const block = deflateRawSync(Buffer.alloc(BLOCK_BYTES), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
    for (let done = 0; done + BLOCK_BYTES <= bytes; done += BLOCK_BYTES) parts.push(block);
  }
  const rest = bytes % BLOCK_BYTES;
  parts.push(deflateRawSync(Buffer.alloc(rest), { level: 9 })); // ends with the final block
  return new Uint8Array(Buffer.concat(parts));
}

/** A gzip member around a raw deflate stream (the trailer's CRC and size describe `declared` zeros). */
export function gzipAround(deflated: Uint8Array, declaredBytes: number): Uint8Array {
  const header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(new Uint8Array(Math.min(declaredBytes, 1 << 20))) >>> 0, 0);
  trailer.writeUInt32LE(declaredBytes % 2 ** 32, 4);
  return new Uint8Array(Buffer.concat([Buffer.from(header), deflated, trailer]));
}

export interface ZipBlob {
  /** Bytes as they sit in the archive (already deflated for method 8). */
  data: Uint8Array;
  method: 0 | 8;
}

export interface ZipRecord {
  name: string;
  /** Index into the blobs: several records may point at one blob (overlapping entries). */
  blob: number;
  /** Declared unpacked size and CRC (default: the blob's, for stored data). */
  uncompressedSize?: number;
  crc?: number;
}

/** A zip archive: each blob gets one local header (named after its first record); the central directory lists the records. */
export function buildZip(blobs: ZipBlob[], records: ZipRecord[]): Uint8Array {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  const meta = (r: ZipRecord) => {
    const blob = blobs[r.blob];
    return { blob, size: r.uncompressedSize ?? blob.data.length, crc: r.crc ?? (blob.method === 0 ? crc32(blob.data) >>> 0 : 0) };
  };
  blobs.forEach((blob, index) => {
    const record = records.find((r) => r.blob === index) ?? { name: `blob${index}`, blob: index };
    const { size, crc } = meta(record);
    const name = Buffer.from(record.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(blob.method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(blob.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    offsets.push(at);
    parts.push(local, name, Buffer.from(blob.data));
    at += 30 + name.length + blob.data.length;
  });
  const directoryStart = at;
  for (const record of records) {
    const { blob, size, crc } = meta(record);
    const name = Buffer.from(record.name);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(blob.method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(blob.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offsets[record.blob], 42);
    parts.push(central, name);
    at += 46 + name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(at - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  parts.push(end);
  return new Uint8Array(Buffer.concat(parts));
}

/** Largest event-loop delay seen while `work` runs, sampled every 10 ms. */
export async function maxEventLoopDelay<T>(work: () => Promise<T>): Promise<{ result: T | undefined; error: unknown; maxDelayMs: number }> {
  let maxDelayMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxDelayMs = Math.max(maxDelayMs, now - last - 10);
    last = now;
  }, 10);
  let result: T | undefined;
  let error: unknown;
  try {
    result = await work();
  } catch (thrown) {
    error = thrown;
  }
  clearInterval(timer);
  maxDelayMs = Math.max(maxDelayMs, performance.now() - last - 10);
  return { result, error, maxDelayMs };
}
