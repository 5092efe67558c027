// Per-cell derived metrics beside the shards: what the evaluation table needs of a model × set
// cell (accuracy, counts, non-finite counts, execution provider) plus per-sample predictions and
// correctness, in one small checksummed file (framed by checked-file.ts) keyed by the cell's cache
// key. Reopening a bundle reads these instead of every shard's logits and features. A missing,
// truncated, tampered or mismatched file reads as null (the cell is then loaded from its shards
// and the file rewritten): it can cost time, never give a wrong number.
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { decodeChecked, encodeChecked } from './checked-file';
import { EXTRACTION_CODE_VERSION } from './result-cache';

/**
 * Bump when what a metrics file holds, how it is derived, or its framing changes: old files are
 * then ignored. 2: framed by checked-file.ts (section lengths in the header) instead of a framing
 * of its own; a version-1 file, even one copied into the version-2 folder, reads as null.
 */
export const CELL_METRICS_VERSION = 2;

const MAGIC = 0x4d434c50; // 'PLCM' little-endian

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

/** What the evaluation table shows of a cell: its metrics without the per-sample arrays (also what a grid index holds). */
export type CellSummary = Omit<CellMetrics, 'predictions' | 'correctFlags'>;

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** Whether a summary read from a file is well-formed and of a cell of `count` samples. */
export function validCellSummary(s: CellSummary, count: number): boolean {
  return s.count === count && isCount(s.correct) && s.correct <= s.count && isCount(s.classes) && s.classes > 0
    && typeof s.executionProvider === 'string' && isCount(s.nonFinite?.logits) && isCount(s.nonFinite?.features);
}

/** The metrics file of a cell, by its stored entry key (ResultCache.storedKey): it vouches for the shards of one feature storage. */
export function cellMetricsPath(cacheRoot: string, key: string): string {
  return path.join(cacheRoot, `metrics-v${CELL_METRICS_VERSION}`, key.slice(0, 2), `${key}.cell`);
}

/** The file's bytes: the key and summary in the header; predictions (int32, little-endian) and correct flags (u8) as sections. */
export function encodeCellMetrics(key: string, m: CellMetrics): Uint8Array {
  const predictions = new Uint8Array(m.count * 4);
  const view = new DataView(predictions.buffer);
  for (let i = 0; i < m.count; i++) view.setInt32(i * 4, m.predictions[i], true);
  const header = { key, codeVersion: EXTRACTION_CODE_VERSION, count: m.count, correct: m.correct, classes: m.classes, executionProvider: m.executionProvider, nonFinite: m.nonFinite };
  return encodeChecked(MAGIC, CELL_METRICS_VERSION, { header, sections: [predictions, m.correctFlags.subarray(0, m.count)] });
}

/** The decoded metrics, or null unless the bytes are a complete, intact file of this key, version and sample count. */
export function decodeCellMetrics(bytes: Uint8Array, key: string, expectedCount: number): CellMetrics | null {
  const content = decodeChecked(bytes, MAGIC, CELL_METRICS_VERSION);
  if (!content || content.sections.length !== 2) return null;
  const header = content.header as Partial<CellSummary> & { key?: unknown; codeVersion?: unknown };
  const [predictionBytes, correctFlags] = content.sections;
  const count = expectedCount;
  if (header.key !== key || header.codeVersion !== EXTRACTION_CODE_VERSION || predictionBytes.length !== count * 4 || correctFlags.length !== count) return null;
  const summary = { count: header.count, correct: header.correct, classes: header.classes, executionProvider: header.executionProvider, nonFinite: header.nonFinite } as CellSummary;
  if (!validCellSummary(summary, count)) return null;
  let correct = 0;
  for (let i = 0; i < count; i++) {
    if (correctFlags[i] > 1) return null;
    correct += correctFlags[i];
  }
  // The summary must agree with the per-sample arrays it came from.
  if (correct !== summary.correct) return null;
  const view = new DataView(predictionBytes.buffer, predictionBytes.byteOffset, predictionBytes.length);
  const predictions = new Int32Array(count);
  for (let i = 0; i < count; i++) predictions[i] = view.getInt32(i * 4, true);
  const nonFinite = { logits: summary.nonFinite.logits, features: summary.nonFinite.features };
  return { count, correct, classes: summary.classes, executionProvider: summary.executionProvider, nonFinite, predictions, correctFlags };
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
