// The streamed samples table: Parquet written in several row groups reads back (hyparquet) as
// exactly the appended rows, CSV lines are the documented format, and a file sink publishes only
// on close (abort leaves nothing).
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import type { SampleMetrics, SetRef } from '../../../src-shared/api/result-types';
import { MemorySink, openFileSink } from './byte-sink';
import { sampleColumns, SamplesTableWriter } from './samples-table';

const floatKeys = ['length', 'angleGt', 'anglePred', 'angleRival', 'logitMargin', 'geomMargin', 'confidence', 'entropy'] as const;

/** A cell of `count` samples with seeded values; category 255 (dense) on even cells. */
function cell(count: number, seed: number): SampleMetrics {
  let s = seed * 7919 + 1;
  const rand = () => ((s = (s * 48271) % 2147483647) / 2147483647);
  const floats = Object.fromEntries(floatKeys.map((k) => [k, Float32Array.from({ length: count }, () => (rand() - 0.3) * 90)]));
  floats.angleRival[1] = Number.NaN; // a zero feature vector: empty CSV field, NaN in Parquet
  return {
    count, classes: 10, modelId: '', setId: '',
    labels: Int32Array.from({ length: count }, () => Math.floor(rand() * 10)),
    pred: Int32Array.from({ length: count }, () => Math.floor(rand() * 10)),
    correct: Uint8Array.from({ length: count }, () => (rand() < 0.5 ? 1 : 0)),
    category: Uint8Array.from({ length: count }, () => (seed % 2 ? Math.floor(rand() * 4) : 255)),
    ...floats,
  } as unknown as SampleMetrics;
}

const sets: SetRef[] = [
  { id: 'clean', corruption: 'clean', severity: 0, group: 'clean' } as SetRef,
  { id: 'fog-s3', corruption: 'fog', severity: 3, group: 'benchmark' } as SetRef,
];
const cells = [0, 1, 2, 3].map((k) => ({ model: k % 2 ? 'pruned' : 'dense', set: sets[k >> 1], m: cell(23, k) }));
const names = ['robust', 'pruning-fragile', 'pruning-improved', 'both-wrong'];
const expected = cells.flatMap(({ model, set, m }) =>
  Array.from({ length: m.count }, (_, i) => ({
    model, corruption: set.corruption, severity: set.severity, index: i, label: m.labels[i], pred: m.pred[i], correct: m.correct[i] === 1,
    length: m.length[i], angle_gt: m.angleGt[i], angle_pred: m.anglePred[i], angle_rival: m.angleRival[i], logit_margin: m.logitMargin[i],
    geom_margin: m.geomMargin[i], confidence: m.confidence[i], entropy: m.entropy[i], category: m.category[i] === 255 ? '' : names[m.category[i]],
  })),
);

async function writeAll(table: SamplesTableWriter): Promise<void> {
  for (const { model, set, m } of cells) await table.append(model, set, m);
  await table.close();
}

const arrayBuffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('SamplesTableWriter', () => {
  it('streams Parquet row group by row group; it reads back as exactly the rows', async () => {
    const sink = new MemorySink();
    await writeAll(new SamplesTableWriter({ parquet: sink, rowGroupRows: 10 }));
    const file = arrayBuffer(sink.bytes());
    const meta = parquetMetadata(file);
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([...Array(9).fill(10), 2]); // 92 rows
    expect(meta.schema.slice(1).map((e) => e.name)).toEqual([...sampleColumns]);
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    expect(rows).toHaveLength(expected.length);
    // Float columns are float32 in both: equal exactly (NaN compared as NaN by toEqual).
    rows.forEach((r, k) => expect(r).toEqual(expected[k]));
  });

  it('writes the documented CSV: header, one line per sample, 7 significant digits, NaN empty', async () => {
    const sink = new MemorySink();
    await writeAll(new SamplesTableWriter({ csv: sink }));
    const lines = new TextDecoder().decode(sink.bytes()).split('\n');
    expect(lines[0]).toBe(sampleColumns.join(','));
    expect(lines).toHaveLength(1 + expected.length + 1);
    expect(lines.at(-1)).toBe('');
    const m = cells[1].m;
    const fields = lines[1 + 23 + 1].split(','); // pruned, clean, index 1
    expect(fields.slice(0, 7)).toEqual(['pruned', 'clean', '0', '1', String(m.labels[1]), String(m.pred[1]), String(m.correct[1])]);
    expect(fields[10]).toBe(''); // angle_rival NaN
    expect(fields[7]).toBe(String(Number(m.length[1].toPrecision(7))));
    expect(Math.abs(Number(fields[7]) - m.length[1])).toBeLessThanOrEqual(Math.abs(m.length[1]) * 1e-6);
    expect(fields[15]).toBe(names[m.category[1]]);
    expect(lines[1].endsWith(',')).toBe(true); // dense: no category
  });

  it('writes only the chosen indices, keeping their index column', async () => {
    const sink = new MemorySink();
    const table = new SamplesTableWriter({ csv: sink });
    await table.append('dense', sets[1], cells[2].m, [4, 17]);
    await table.close();
    const lines = new TextDecoder().decode(sink.bytes()).trimEnd().split('\n');
    expect(lines.map((l) => l.split(',').slice(0, 4).join(','))).toEqual([lines[0].split(',').slice(0, 4).join(','), 'dense,fog,3,4', 'dense,fog,3,17']);
  });

  it('file sinks publish on close and leave nothing on abort', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'prunelens-samples-table-'));
    const done = new SamplesTableWriter({ csv: await openFileSink(path.join(dir, 'a.csv')), parquet: await openFileSink(path.join(dir, 'a.parquet')), rowGroupRows: 16 });
    await writeAll(done);
    const rows = (await parquetReadObjects({ file: arrayBuffer(readFileSync(path.join(dir, 'a.parquet'))) })) as Record<string, unknown>[];
    expect(rows).toHaveLength(expected.length);
    expect(readFileSync(path.join(dir, 'a.csv'), 'utf8').split('\n')).toHaveLength(expected.length + 2);

    const failed = new SamplesTableWriter({ csv: await openFileSink(path.join(dir, 'b.csv')), parquet: await openFileSink(path.join(dir, 'b.parquet')), rowGroupRows: 16 });
    await failed.append('dense', sets[0], cells[0].m);
    await failed.abort();
    expect(existsSync(path.join(dir, 'b.csv'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'a.parquet']);
  });
});
