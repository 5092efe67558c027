// The version-1 cell metrics file, byte for byte as cache/cell-metrics-store.ts wrote it before it
// was framed by cache/checked-file.ts (magic, version, JSON header padded to 4 bytes, int32
// predictions, u8 flags unpadded, SHA-256 of all before it). For tests that such a file, left in a
// cache by an older build, is never trusted. `version` lets a test stamp the current number on
// the old framing (a file of the old shape that claims to be new).
import { createHash } from 'node:crypto';
import type { CellMetrics } from '../../electron/engine/cache/cell-metrics-store';
import { EXTRACTION_CODE_VERSION } from '../../electron/engine/cache/result-cache';

const PREAMBLE = 12;
const DIGEST = 32;

export function encodeCellMetricsV1(key: string, m: CellMetrics, version = 1): Uint8Array {
  const header = { key, codeVersion: EXTRACTION_CODE_VERSION, count: m.count, correct: m.correct, classes: m.classes, executionProvider: m.executionProvider, nonFinite: m.nonFinite };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const pad = (4 - ((PREAMBLE + json.length) % 4)) % 4;
  const body = PREAMBLE + json.length + pad + m.count * 4 + m.count;
  const out = new Uint8Array(body + DIGEST);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x4d434c50, true); // 'PLCM'
  view.setUint32(4, version, true);
  view.setUint32(8, json.length + pad, true);
  out.set(json, PREAMBLE);
  out.fill(0x20, PREAMBLE + json.length, PREAMBLE + json.length + pad);
  let at = PREAMBLE + json.length + pad;
  for (let i = 0; i < m.count; i++, at += 4) view.setInt32(at, m.predictions[i], true);
  out.set(m.correctFlags.subarray(0, m.count), at);
  out.set(createHash('sha256').update(out.subarray(0, body)).digest(), body);
  return out;
}
