// Bounded decompression: gzip / zlib / raw deflate inflated in small pushes so that a hostile
// header (gzip ISIZE, zip sizes) or a zip bomb can never make us allocate past `maxBytes`.
// Container headers and trailers are checked here (fflate's streams accept garbage silently).
import { Inflate } from 'fflate';
import { PruneLensError } from '../base/errors';
import { crc32 } from './crc32';

export type Compression = 'gzip' | 'zlib' | 'deflate';

const PUSH_BYTES = 16 * 1024; // ≤ ~16 MiB of output per push even at deflate's 1032:1 maximum

export interface InflateOptions {
  /** Output larger than this is an error (the stream is abandoned). */
  maxBytes: number;
  /** Expected exact output size, when the container declares it (zip). */
  expectedBytes?: number;
  /** Expected CRC-32 of the output, when the container declares it (zip). */
  expectedCrc?: number;
  fileLabel: string;
  /** Wall-clock deadline (Date.now() value): inflation stops with an error once it passes. */
  deadline?: number;
}

const fail = (fileLabel: string, message: string, offset?: number) =>
  new PruneLensError('bad-data', `${fileLabel}: ${message}`, offset === undefined ? { file: fileLabel } : { file: fileLabel, offset });

/** Offset of the deflate body after a gzip member header (RFC 1952). */
function gzipBodyStart(input: Uint8Array, fileLabel: string): number {
  if (input.length < 18 || input[0] !== 0x1f || input[1] !== 0x8b) throw fail(fileLabel, 'not a gzip stream (missing 1f 8b magic or too short).', 0);
  if (input[2] !== 8) throw fail(fileLabel, `unsupported gzip compression method ${input[2]} (expected 8, deflate).`, 2);
  const flags = input[3];
  let offset = 10;
  if (flags & 4) offset += 2 + (input[10] | (input[11] << 8)); // FEXTRA
  for (const bit of [8, 16]) {
    if (!(flags & bit)) continue; // FNAME, FCOMMENT: zero-terminated
    while (offset < input.length && input[offset] !== 0) offset++;
    offset++;
  }
  if (flags & 2) offset += 2; // FHCRC
  if (offset > input.length - 8) throw fail(fileLabel, 'truncated gzip header.', offset);
  return offset;
}

function zlibBodyStart(input: Uint8Array, fileLabel: string): number {
  if (input.length < 6) throw fail(fileLabel, 'truncated zlib stream.', 0);
  const cmf = input[0];
  const flg = input[1];
  if ((cmf & 15) !== 8 || (cmf * 256 + flg) % 31 !== 0) throw fail(fileLabel, 'not a zlib stream (bad CMF/FLG header).', 0);
  if (flg & 32) throw fail(fileLabel, 'zlib stream needs a preset dictionary (unsupported).', 1);
  return 2;
}

function inflateRaw(body: Uint8Array, limit: number, maxBytes: number, options: InflateOptions): Uint8Array {
  const { expectedBytes, fileLabel, deadline } = options;
  let out = new Uint8Array(Math.min(limit, Math.max(1024, expectedBytes ?? body.length * 4)));
  let length = 0;
  let done = false;
  const stream = new Inflate((chunk, final) => {
    if (length + chunk.length > limit) {
      const why = limit < maxBytes ? `more than the declared ${limit} bytes` : `more than the ${maxBytes}-byte limit`;
      throw fail(fileLabel, `decompresses to ${why}.`, length);
    }
    if (length + chunk.length > out.length) {
      const grown = new Uint8Array(Math.min(limit, Math.max(out.length * 2, length + chunk.length)));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    out.set(chunk, length);
    length += chunk.length;
    if (final) done = true;
  });
  try {
    if (body.length === 0) stream.push(new Uint8Array(0), true);
    for (let offset = 0; offset < body.length && !done; offset += PUSH_BYTES) {
      if (deadline !== undefined && Date.now() > deadline) throw fail(fileLabel, `decompression took longer than its time budget (stopped after ${length} bytes).`, offset);
      const end = Math.min(body.length, offset + PUSH_BYTES);
      stream.push(body.subarray(offset, end), end === body.length);
    }
  } catch (error) {
    if (error instanceof PruneLensError) throw error;
    throw fail(fileLabel, `corrupt compressed data (${(error as Error).message || 'inflate failed'}).`);
  }
  if (!done) throw fail(fileLabel, 'truncated compressed stream.', body.length);
  return out.length === length ? out : out.slice(0, length);
}

/** Inflates all of `input`; throws `bad-data` naming the file for corrupt or oversized streams. */
export function inflateCapped(input: Uint8Array, kind: Compression, options: InflateOptions): Uint8Array {
  const { maxBytes, expectedBytes, expectedCrc, fileLabel } = options;
  const limit = Math.min(maxBytes, expectedBytes ?? Infinity);
  let out: Uint8Array;
  if (kind === 'gzip') {
    const start = gzipBodyStart(input, fileLabel);
    out = inflateRaw(input.subarray(start, input.length - 8), limit, maxBytes, options);
    const trailer = new DataView(input.buffer, input.byteOffset + input.length - 8, 8);
    if (trailer.getUint32(0, true) !== crc32(out)) throw fail(fileLabel, 'gzip CRC mismatch (the file is corrupt).', input.length - 8);
    if (trailer.getUint32(4, true) !== out.length % 2 ** 32) throw fail(fileLabel, 'gzip size trailer does not match the data.', input.length - 4);
  } else {
    const start = kind === 'zlib' ? zlibBodyStart(input, fileLabel) : 0;
    out = inflateRaw(input.subarray(start, kind === 'zlib' ? input.length - 4 : input.length), limit, maxBytes, options);
  }
  if (expectedBytes !== undefined && out.length !== expectedBytes) throw fail(fileLabel, `decompressed to ${out.length} bytes, expected ${expectedBytes}.`);
  if (expectedCrc !== undefined && crc32(out) !== expectedCrc >>> 0) throw fail(fileLabel, 'CRC mismatch (the data is corrupt).');
  return out;
}

/** True for the gzip magic bytes 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
