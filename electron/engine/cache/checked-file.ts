// One framing for small derived cache files (model analyses, grid indexes): a magic number and a
// format version, a JSON header, binary sections (each 4-byte aligned, lengths in the header) and
// a SHA-256 of everything before it. Decoding returns null for anything short, damaged, of
// another kind or version: such a file is recomputed, never trusted. Reading and writing hash in
// slices, yielding between them, so a large entry (a 200 MB model) never holds the event loop;
// small files (cell metrics) can also be encoded and decoded in memory, in one pass.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file';

const PREAMBLE = 12; // magic, version, header length (u32 each)
const DIGEST = 32;

const align4 = (n: number) => (n + 3) & ~3;

export interface CheckedContent {
  header: Record<string, unknown>;
  sections: Uint8Array[];
}

const SLICE = 8 * 1024 * 1024;

/** SHA-256 of `bytes`, 8 MiB at a time with the event loop free in between. */
export async function sha256Sliced(bytes: Uint8Array): Promise<Buffer> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.length; at += SLICE) {
    if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    hash.update(bytes.subarray(at, Math.min(at + SLICE, bytes.length)));
  }
  return hash.digest();
}

/** The file's bytes with its digest left blank, and where the digest goes. */
function assemble(magic: number, version: number, content: CheckedContent): { out: Uint8Array; body: number } {
  const json = new TextEncoder().encode(JSON.stringify({ ...content.header, sectionLengths: content.sections.map((s) => s.byteLength) }));
  const headerLength = align4(PREAMBLE + json.length) - PREAMBLE;
  const body = content.sections.reduce((at, s) => at + align4(s.byteLength), PREAMBLE + headerLength);
  const out = new Uint8Array(body + DIGEST); // sections padded with zeros, the header with spaces
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, true);
  view.setUint32(4, version, true);
  view.setUint32(8, headerLength, true);
  out.set(json, PREAMBLE);
  out.fill(0x20, PREAMBLE + json.length, PREAMBLE + headerLength);
  let at = PREAMBLE + headerLength;
  for (const s of content.sections) {
    out.set(s, at);
    at += align4(s.byteLength);
  }
  return { out, body };
}

/** The header and sections (copies, 4-byte aligned) of a file whose digest is checked, or null unless it is of this magic and version. */
function parseChecked(bytes: Uint8Array, magic: number, version: number): CheckedContent | null {
  const body = bytes.length - DIGEST;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (view.getUint32(0, true) !== magic || view.getUint32(4, true) !== version) return null;
  const headerLength = view.getUint32(8, true);
  if (PREAMBLE + headerLength > body) return null;
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREAMBLE, PREAMBLE + headerLength))) as Record<string, unknown>;
  } catch {
    return null;
  }
  const lengths = header.sectionLengths;
  if (!Array.isArray(lengths) || !lengths.every((n) => Number.isSafeInteger(n) && n >= 0)) return null;
  let at = PREAMBLE + headerLength;
  const sections: Uint8Array[] = [];
  for (const n of lengths as number[]) {
    if (at + n > body) return null;
    sections.push(bytes.slice(at, at + n));
    at += align4(n);
  }
  if (at !== body) return null;
  delete header.sectionLengths;
  return { header, sections };
}

/** The bytes of a small file, its digest computed in one pass (writeChecked slices it). */
export function encodeChecked(magic: number, version: number, content: CheckedContent): Uint8Array {
  const { out, body } = assemble(magic, version, content);
  out.set(createHash('sha256').update(out.subarray(0, body)).digest(), body);
  return out;
}

/** The header and sections of a small file's bytes, or null unless they are intact and of this magic and version. */
export function decodeChecked(bytes: Uint8Array, magic: number, version: number): CheckedContent | null {
  if (bytes.length < PREAMBLE + DIGEST) return null;
  const body = bytes.length - DIGEST;
  if (!createHash('sha256').update(bytes.subarray(0, body)).digest().equals(bytes.subarray(body))) return null;
  return parseChecked(bytes, magic, version);
}

/** The file's header and sections, or null when it is missing, not intact, or of another kind or version. */
export async function readChecked(file: string, magic: number, version: number): Promise<CheckedContent | null> {
  try {
    const bytes = new Uint8Array(await readFile(file));
    if (bytes.length < PREAMBLE + DIGEST) return null;
    const body = bytes.length - DIGEST;
    if (!(await sha256Sliced(bytes.subarray(0, body))).equals(bytes.subarray(body))) return null;
    return parseChecked(bytes, magic, version);
  } catch {
    return null;
  }
}

export async function writeChecked(file: string, magic: number, version: number, content: CheckedContent): Promise<void> {
  const { out, body } = assemble(magic, version, content);
  out.set(await sha256Sliced(out.subarray(0, body)), body);
  await writeFileAtomic(file, out);
}
