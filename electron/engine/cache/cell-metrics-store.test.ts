// The per-cell metrics file: round trip, and every damaged, mismatched or old-format file reads as
// null (the cell is then read from its shards), never as different numbers.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCellMetricsV1 } from '../../../tools/testing/cell-metrics-v1';
import { sweepCache } from './cache-sweep';
import type { CellMetrics } from './cell-metrics-store';
import { CELL_METRICS_VERSION, cellMetricsPath, decodeCellMetrics, encodeCellMetrics, readCellMetrics, writeCellMetrics } from './cell-metrics-store';

const key = 'ab'.repeat(16);
const metrics: CellMetrics = {
  count: 5, correct: 3, classes: 10, executionProvider: 'cpu', nonFinite: { logits: 1, features: 0 },
  predictions: Int32Array.from([3, 0, 9, 9, 1]), correctFlags: Uint8Array.from([1, 0, 1, 1, 0]),
};

describe('cell metrics store', () => {
  it('reads back exactly what was written, under the cell key', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'prunelens-metrics-'));
    await writeCellMetrics(root, key, metrics);
    const back = await readCellMetrics(root, key, 5);
    expect(back).toEqual(metrics);
    expect(await readCellMetrics(root, 'cd'.repeat(16), 5)).toBeNull(); // absent
    expect(await readCellMetrics(root, key, 6)).toBeNull(); // another sample count
  });

  it('rejects truncated, tampered and foreign files', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'prunelens-metrics-'));
    await writeCellMetrics(root, key, metrics);
    const file = cellMetricsPath(root, key);
    const bytes = new Uint8Array(readFileSync(file));
    for (let cut = 0; cut < bytes.length; cut += 7) expect(decodeCellMetrics(bytes.subarray(0, cut), key, 5)).toBeNull();
    // One flipped bit anywhere fails the checksum.
    for (let at = 0; at < bytes.length; at++) {
      const tampered = bytes.slice();
      tampered[at] ^= 0x04;
      expect(decodeCellMetrics(tampered, key, 5)).toBeNull();
    }
    writeFileSync(file, bytes.subarray(0, bytes.length - 1));
    expect(await readCellMetrics(root, key, 5)).toBeNull();
    // A file renamed to another cell's key is not that cell's.
    expect(decodeCellMetrics(bytes, 'cd'.repeat(16), 5)).toBeNull();
  });

  it('rejects a re-checksummed file whose summary disagrees with its per-sample flags', () => {
    const bytes = encodeCellMetrics(key, { ...metrics, correct: 4 });
    expect(decodeCellMetrics(bytes, key, 5)).toBeNull();
    // Flags edited and the digest recomputed: the header's count of correct samples no longer matches.
    const good = encodeCellMetrics(key, metrics);
    const body = good.length - 32;
    const edited = good.slice();
    expect(edited[body - 4]).toBe(0);
    edited[body - 4] = 1; // last sample's correct flag 0 → 1 (the flags are the last section, padded to 8 bytes)
    edited.set(createHash('sha256').update(edited.subarray(0, body)).digest(), body);
    expect(decodeCellMetrics(edited, key, 5)).toBeNull();
    expect(decodeCellMetrics(good, key, 5)?.correct).toBe(3);
  });

  it('keeps every field, for any sample count and provider name', () => {
    for (const count of [0, 1, 4, 5, 1001]) {
      const m: CellMetrics = {
        count, correct: 0, classes: 1000, executionProvider: count % 2 ? 'webgpu' : 'cpu', nonFinite: { logits: count, features: 2 * count },
        predictions: Int32Array.from({ length: count }, (_, i) => (i * 7919) % 1000 - (i % 13 === 0 ? 2 ** 31 : 0)),
        correctFlags: Uint8Array.from({ length: count }, (_, i) => Number(i % 3 === 1)),
      };
      m.correct = m.correctFlags.reduce((a, b) => a + b, 0);
      expect(decodeCellMetrics(encodeCellMetrics(key, m), key, count)).toEqual(m);
    }
  });

  it('never trusts a version-1 file (its own framing), in its old folder or copied into the current one', async () => {
    expect(CELL_METRICS_VERSION).toBe(2);
    const root = mkdtempSync(path.join(tmpdir(), 'prunelens-metrics-'));
    const current = cellMetricsPath(root, key);
    const old = current.replace(`metrics-v${CELL_METRICS_VERSION}`, 'metrics-v1');
    mkdirSync(path.dirname(old), { recursive: true });
    writeFileSync(old, encodeCellMetricsV1(key, metrics));
    expect(await readCellMetrics(root, key, 5)).toBeNull();
    mkdirSync(path.dirname(current), { recursive: true });
    for (const version of [1, CELL_METRICS_VERSION]) {
      writeFileSync(current, encodeCellMetricsV1(key, metrics, version));
      expect(await readCellMetrics(root, key, 5)).toBeNull();
    }
    // The same numbers written now read back.
    await writeCellMetrics(root, key, metrics);
    expect(await readCellMetrics(root, key, 5)).toEqual(metrics);
  });

  it('the startup sweep removes a killed write\'s old temp file and keeps the metrics file', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'prunelens-metrics-'));
    await writeCellMetrics(root, key, metrics);
    const file = cellMetricsPath(root, key);
    const temp = `${file}.tmp-123-abcd`;
    writeFileSync(temp, 'partial');
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(temp, old, old);
    utimesSync(file, old, old);
    expect(await sweepCache(root)).toEqual([temp]);
    expect(existsSync(file)).toBe(true);
    expect(await readCellMetrics(root, key, 5)).toEqual(metrics);
  });
});
