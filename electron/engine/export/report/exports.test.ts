// Export menu files on a finished fixture run: the samples table (CSV byte-identical to
// `analyze`'s, Parquet round-trips, filters pick the right rows) and .npy arrays (read back with
// the project's reader and with NumPy: required in CI, skipped elsewhere when missing).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PruneLensError } from '../../../../src-shared/base/errors';
import { dispatchRequest } from '../../../../src-shared/api/rpc';
import { decodeFrame, encodeFrame } from '../../../../src-shared/api/wire-codec';
import { readNpy } from '../../../../src-shared/formats/npy';
import { writeImageFixtureBundle } from '../../../../tools/testing/fixture-bundle';
import { pythonHasModule, requireTool } from '../../../../tools/testing/require-tool';
import { createEngine } from '../../engine';
import { exportAnalysis } from '../analysis-export';

const COUNT = 120;
const bundle = writeImageFixtureBundle({ count: COUNT, corruptions: ['gaussian_noise', 'fog'], severities: [2, 5] });
const work = mkdtempSync(path.join(tmpdir(), 'prunelens-exports-'));
const engine = createEngine({ transport: 'in-process', cacheDir: path.join(work, 'cache'), workers: 2 });
const python = '/usr/bin/python3';
const checkScript = path.resolve(import.meta.dirname, '../../../../tools/checks/check-npy-exports.py');
let analyzeCsv = '';

beforeAll(async () => {
  const finished = new Promise((resolve) => engine.subscribe((e) => e.type === 'job-finished' && resolve(e)));
  await engine.startAnalysis({ path: bundle });
  expect(await finished).toMatchObject({ status: 'done' });
  await exportAnalysis(engine, bundle, path.join(work, 'analysis'), { parquet: false });
  analyzeCsv = readFileSync(path.join(work, 'analysis', 'samples.csv'), 'utf8');
}, 120_000);
afterAll(() => engine.dispose());

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const rowsOf = (csv: string) => csv.trimEnd().split('\n');

describe('exportSamples', () => {
  it('CSV with no filter is byte-identical to analyze’s samples.csv', async () => {
    const file = await engine.exportSamples({ path: bundle, format: 'csv' });
    expect(file).toMatchObject({ fileName: 'image-fixture-bundle-samples.csv', mimeType: 'text/csv' });
    expect(rowsOf(analyzeCsv)).toHaveLength(1 + 2 * 5 * COUNT); // header + models × sets × samples
    expect(text(file.bytes)).toBe(analyzeCsv);
  });

  it('Parquet holds the same rows as the CSV', async () => {
    const file = await engine.exportSamples({ path: bundle, format: 'parquet' });
    expect(file.fileName).toBe('image-fixture-bundle-samples.parquet');
    expect(text(file.bytes.subarray(0, 4))).toBe('PAR1');
    const buffer = file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.byteLength) as ArrayBuffer;
    const rows = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
    const csv = rowsOf(analyzeCsv);
    const header = csv[0].split(',');
    expect(rows).toHaveLength(csv.length - 1);
    for (const k of [0, 1, COUNT + 17, rows.length - 1]) {
      const values = Object.fromEntries(csv[k + 1].split(',').map((v, j) => [header[j], v]));
      const r = rows[k];
      expect([r.model, r.corruption, String(r.severity), String(r.index), String(r.label), String(r.pred), r.category]).toEqual(
        [values.model, values.corruption, values.severity, values.index, values.label, values.pred, values.category]);
      expect(r.correct).toBe(values.correct === '1');
      expect(r.angle_gt as number).toBeCloseTo(Number(values.angle_gt), 4);
      expect(r.length as number).toBeCloseTo(Number(values.length), 4);
    }
  });

  it('filters by model, set and sample index (sorted, unique), keeping the original index', async () => {
    const file = await engine.exportSamples({ path: bundle, format: 'csv', modelIds: ['pruned'], setIds: ['clean', 'fog-s5'], indices: [7, 2, 2, 99] });
    const rows = rowsOf(text(file.bytes));
    const all = rowsOf(analyzeCsv);
    const pick = (corruption: string, severity: number, index: number) => all.find((r) => r.startsWith(`pruned,${corruption},${severity},${index},`));
    expect(rows).toEqual([all[0], pick('clean', 0, 2), pick('clean', 0, 7), pick('clean', 0, 99), pick('fog', 5, 2), pick('fog', 5, 7), pick('fog', 5, 99)]);
  });

  it('refuses unknown models, sets and out-of-range indices', async () => {
    await expect(engine.exportSamples({ path: bundle, format: 'csv', modelIds: ['nope'] })).rejects.toThrow(/Unknown model id\(s\): nope/);
    await expect(engine.exportSamples({ path: bundle, format: 'csv', setIds: ['fog-s3'] })).rejects.toThrow(/Unknown set id\(s\): fog-s3/);
    const error = await engine.exportSamples({ path: bundle, format: 'csv', indices: [COUNT] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PruneLensError);
    expect((error as PruneLensError).code).toBe('bad-request');
  });
});

describe('exportArray', () => {
  it('features, logits and projections as float32 .npy matching what the engine serves', async () => {
    const metrics = await engine.getSampleMetrics({ path: bundle, modelId: 'pruned', setId: 'fog-s2' });
    const features = await engine.exportArray({ path: bundle, modelId: 'pruned', setId: 'fog-s2', kind: 'features' });
    expect(features).toMatchObject({ fileName: 'image-fixture-bundle-pruned-fog-s2-features.npy', mimeType: 'application/octet-stream' });
    const f = readNpy(features.bytes);
    expect(f.header).toMatchObject({ dtype: 'f4', shape: [COUNT, 6], fortranOrder: false });
    const fd = f.data as Float32Array;
    for (let i = 0; i < COUNT; i++) expect(Math.hypot(...fd.subarray(i * 6, i * 6 + 6))).toBeCloseTo(metrics.length[i], 4);

    const logits = readNpy((await engine.exportArray({ path: bundle, modelId: 'pruned', setId: 'fog-s2', kind: 'logits' })).bytes);
    expect(logits.header.shape).toEqual([COUNT, 3]);
    const ld = logits.data as Float32Array;
    for (let i = 0; i < COUNT; i++) {
      const row = Array.from(ld.subarray(i * 3, i * 3 + 3));
      expect(row.indexOf(Math.max(...row))).toBe(metrics.pred[i]);
    }

    for (const dims of [2, 3] as const) {
      const file = await engine.exportArray({ path: bundle, modelId: 'dense', setId: 'clean', kind: 'projection', dims });
      expect(file.fileName).toBe(`image-fixture-bundle-dense-clean-projection${dims}d.npy`);
      const p = readNpy(file.bytes);
      expect(p.header.shape).toEqual([COUNT, dims]);
      expect(Array.from(p.data as Float32Array)).toEqual(Array.from((await engine.getProjection({ path: bundle, modelId: 'dense', setId: 'clean', dims })).coords));
    }
    await expect(engine.exportArray({ path: bundle, modelId: 'nope', setId: 'clean', kind: 'logits' })).rejects.toThrow(/Unknown model 'nope'/);
  }, 60_000);

  it('crosses the WebSocket transport as raw bytes, validated against the contract', async () => {
    const response = await dispatchRequest(engine, { kind: 'call', id: 7, method: 'exportArray', input: { path: bundle, modelId: 'dense', setId: 'clean', kind: 'logits' } });
    expect(response.kind).toBe('result');
    const file = (response as { value: { bytes: Uint8Array } }).value;
    const frame = encodeFrame(response);
    expect(frame.length).toBeLessThan(file.bytes.length + 400); // bytes, not a JSON list of numbers
    const decoded = decodeFrame(frame) as { value: { fileName: string; bytes: Uint8Array } };
    expect(decoded.value.fileName).toBe('image-fixture-bundle-dense-clean-logits.npy');
    expect(decoded.value.bytes).toEqual(file.bytes);
    const bad = await dispatchRequest(engine, { kind: 'call', id: 8, method: 'exportReport', input: { path: bundle, format: 'docx' } });
    expect(bad).toMatchObject({ kind: 'error', error: { code: 'bad-request' } });
  });

  it('loads in NumPy (tools/checks/check-npy-exports.py)', async (context) => {
    requireTool(context, `NumPy for ${python}`, pythonHasModule(python, 'numpy'), 'apt-get install python3-numpy');
    const entries = [];
    for (const [modelId, setId] of [['dense', 'clean'], ['pruned', 'gaussian_noise-s5']]) {
      const metrics = await engine.getSampleMetrics({ path: bundle, modelId, setId });
      for (const kind of ['features', 'logits', 'projection'] as const) {
        const file = await engine.exportArray({ path: bundle, modelId, setId, kind });
        const out = path.join(work, file.fileName);
        writeFileSync(out, file.bytes);
        const coords = kind === 'projection' ? Array.from((await engine.getProjection({ path: bundle, modelId, setId, dims: 2 })).coords) : undefined;
        entries.push({ file: out, kind, shape: [COUNT, kind === 'features' ? 6 : kind === 'logits' ? 3 : 2], length: Array.from(metrics.length), pred: Array.from(metrics.pred), coords });
      }
    }
    const expectations = path.join(work, 'expectations.json');
    writeFileSync(expectations, JSON.stringify(entries));
    const output = execFileSync(python, [checkScript, expectations], { encoding: 'utf8' });
    expect(output.trim().split('\n')).toHaveLength(6);
    expect(output).not.toContain('FAIL');
  }, 60_000);
});
