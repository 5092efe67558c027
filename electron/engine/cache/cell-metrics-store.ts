// Per-cell derived metrics beside the shards: what the evaluation table needs of a model × set
// cell (accuracy, counts, non-finite counts, execution provider) plus per-sample predictions and
// correctness, in one small checksummed file keyed by the cell's cache key. Reopening a bundle
// reads these instead of every shard's logits and features. A missing, truncated, tampered or
// mismatched file reads as null (the cell is then loaded from its shards and the file rewritten):
// it can cost time, never give a wrong number.
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { EXTRACTION_CODE_VERSION } from './result-cache';

/** Bump when what a metrics file holds, or how it is derived, changes: old files are then ignored. */
export const CELL_METRICS_VERSION = 1;

const MAGIC = 0x4d434c50; // 'PLCM' little-endian
const PREAMBLE = 12; // magic, version, header length (u32 each)
const DIGEST = 32;

export interface CellMetrics {
  /** Samples in the cell and how many are predicted correctly (never a non-finite row). */
  count: number;
  correct: number;
  classes: number;
  executionProvider: string;
  nonFinite: { logits: number; features: number };
  /** Per sample: argmaxRow of the logits (sample-geometry.ts) and 1 when correct (isCorrectPrediction). */
  predictions: Int32Array;
  correctFlags: Uint8Array;
}

interface Header {
  key: string;
  codeVersion: number;
  count: number;
  correct: number;
  classes: number;
  executionProvider: string;
  nonFinite: { logits: number; features: number };
}

/** The metrics file of a cell, by its stored entry key (ResultCache.storedKey): it vouches for the shards of one feature storage. */
export function cellMetricsPath(cacheRoot: string, key: string): string {
  return path.join(cacheRoot, `metrics-v${CELL_METRICS_VERSION}`, key.slice(0, 2), `${key}.cell`);
}

export function encodeCellMetrics(key: string, m: CellMetrics): Uint8Array {
  const header: Header = { key, codeVersion: EXTRACTION_CODE_VERSION, count: m.count, correct: m.correct, classes: m.classes, executionProvider: m.executionProvider, nonFinite: m.nonFinite };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const pad = (4 - ((PREAMBLE + json.length) % 4)) % 4; // predictions start 4-aligned
  const body = PREAMBLE + json.length + pad + m.count * 4 + m.count;
  const out = new Uint8Array(body + DIGEST);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, CELL_METRICS_VERSION, true);
  view.setUint32(8, json.length + pad, true);
  out.set(json, PREAMBLE);
  out.fill(0x20, PREAMBLE + json.length, PREAMBLE + json.length + pad);
  let at = PREAMBLE + json.length + pad;
  for (let i = 0; i < m.count; i++, at += 4) view.setInt32(at, m.predictions[i], true);
  out.set(m.correctFlags.subarray(0, m.count), at);
  out.set(createHash('sha256').update(out.subarray(0, body)).digest(), body);
  return out;
}

/** The decoded metrics, or null unless the bytes are a complete, intact file of this key, version and sample count. */
export function decodeCellMetrics(bytes: Uint8Array, key: string, expectedCount: number): CellMetrics | null {
  if (bytes.length < PREAMBLE + DIGEST) return null;
  const body = bytes.length - DIGEST;
  const digest = createHash('sha256').update(bytes.subarray(0, body)).digest();
  if (!digest.equals(bytes.subarray(body))) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== CELL_METRICS_VERSION) return null;
  const headerLength = view.getUint32(8, true);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREAMBLE, PREAMBLE + headerLength))) as Header;
  } catch {
    return null;
  }
  const { count } = header;
  if (header.key !== key || header.codeVersion !== EXTRACTION_CODE_VERSION || count !== expectedCount || body !== PREAMBLE + headerLength + count * 5) return null;
  let at = PREAMBLE + headerLength;
  const predictions = new Int32Array(count);
  for (let i = 0; i < count; i++, at += 4) predictions[i] = view.getInt32(at, true);
  const correctFlags = bytes.slice(at, at + count);
  let correct = 0;
  for (let i = 0; i < count; i++) correct += correctFlags[i];
  // The summary must agree with the per-sample arrays it came from.
  if (correct !== header.correct || !Number.isInteger(header.nonFinite?.logits) || !Number.isInteger(header.nonFinite?.features)) return null;
  return { count, correct, classes: header.classes, executionProvider: header.executionProvider, nonFinite: header.nonFinite, predictions, correctFlags };
}

/** Writes the cell's metrics file (atomically). Called for computed cells and for read-back ones whose file did not read (shard-assembly.ts), so it never reads first. */
export async function writeCellMetrics(cacheRoot: string, key: string, metrics: CellMetrics): Promise<void> {
  await writeFileAtomic(cellMetricsPath(cacheRoot, key), encodeCellMetrics(key, metrics));
}

/** Whether the cell has a metrics file (not whether it is intact: readCellMetrics checks that). */
export async function cellMetricsPresent(cacheRoot: string, key: string): Promise<boolean> {
  return access(cellMetricsPath(cacheRoot, key)).then(
    () => true,
    () => false,
  );
}

/** The cell's metrics, or null when there is no intact file for it (then read the shards). */
export async function readCellMetrics(cacheRoot: string, key: string, expectedCount: number): Promise<CellMetrics | null> {
  try {
    return decodeCellMetrics(new Uint8Array(await readFile(cellMetricsPath(cacheRoot, key))), key, expectedCount);
  } catch {
    return null;
  }
}
