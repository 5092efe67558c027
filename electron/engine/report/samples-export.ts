// The samples table (the columns of `analyze`'s samples.csv / samples.parquet) in memory, for the
// UI's Export menu: all rows, or only the chosen models, sets and sample indices.
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { PruneLensApi } from '../../../src-shared/api/contract';
import { PruneLensError } from '../../../src-shared/api/errors';
import type { ExportedFile, SampleMetrics } from '../../../src-shared/api/result-types';
// Same columns, order and rounding as SamplesTableWriter (exports.test.ts checks byte equality).
import { categoryName, csvFloat, floatColumns, parquetColumnType, sampleColumns } from '../export/samples-table';
import { slug } from './format';

export interface SamplesRequest {
  format: 'csv' | 'parquet';
  modelIds?: string[];
  setIds?: string[];
  indices?: number[];
  signal?: AbortSignal;
}


function unknown(what: string, asked: string[], known: string[]): void {
  const missing = asked.filter((x) => !known.includes(x));
  if (missing.length) throw new PruneLensError('bad-request', `Unknown ${what}: ${missing.join(', ')} (the analysis has ${known.join(', ')}).`);
}

export async function exportSamplesFile(api: PruneLensApi, bundlePath: string, request: SamplesRequest): Promise<ExportedFile> {
  const evaluation = await api.getEvaluation({ path: bundlePath });
  const bundle = await api.openBundle({ path: bundlePath });
  const modelIds = evaluation.models.map((m) => m.id);
  const setIds = evaluation.sets.map((s) => s.id);
  if (request.modelIds) unknown('model id(s)', request.modelIds, modelIds);
  if (request.setIds) unknown('set id(s)', request.setIds, setIds);
  const models = request.modelIds ? modelIds.filter((id) => request.modelIds!.includes(id)) : modelIds;
  const sets = request.setIds ? evaluation.sets.filter((s) => request.setIds!.includes(s.id)) : evaluation.sets;
  const chunks: string[] = [sampleColumns.join(',') + '\n'];
  const columns: Record<string, (string | number | boolean)[]> = Object.fromEntries(sampleColumns.map((c) => [c, []]));
  let indices: number[] | null = null;
  for (const set of sets) {
    for (const modelId of models) {
      request.signal?.throwIfAborted();
      const m: SampleMetrics = await api.getSampleMetrics({ path: bundlePath, modelId, setId: set.id });
      if (!indices) {
        indices = request.indices ? [...new Set(request.indices)].sort((a, b) => a - b) : Array.from({ length: m.count }, (_, i) => i);
        const bad = indices.find((i) => i >= m.count);
        if (bad !== undefined) throw new PruneLensError('bad-request', `Sample index ${bad} is out of range (the analysis has ${m.count} samples: 0–${m.count - 1}).`);
      }
      const lines: string[] = [];
      for (const i of indices) {
        if (request.format === 'csv') {
          lines.push([modelId, set.corruption, set.severity, i, m.labels[i], m.pred[i], m.correct[i], ...floatColumns.map(([, key]) => csvFloat(m[key][i])), categoryName(m.category[i])].join(','));
          continue;
        }
        columns.model.push(modelId); columns.corruption.push(set.corruption); columns.severity.push(set.severity); columns.index.push(i);
        columns.label.push(m.labels[i]); columns.pred.push(m.pred[i]); columns.correct.push(m.correct[i] === 1);
        for (const [column, key] of floatColumns) columns[column].push(m[key][i]);
        columns.category.push(categoryName(m.category[i]));
      }
      if (lines.length) chunks.push(lines.join('\n') + '\n');
    }
  }
  const base = `${slug(bundle.name)}-samples`;
  if (request.format === 'parquet') {
    const buffer = parquetWriteBuffer({ columnData: sampleColumns.map((name) => ({ name, data: columns[name], type: parquetColumnType(name) as 'STRING' })), createdBy: 'PruneLens' });
    return { fileName: `${base}.parquet`, mimeType: 'application/vnd.apache.parquet', bytes: new Uint8Array(buffer) };
  }
  return { fileName: `${base}.csv`, mimeType: 'text/csv', bytes: concatText(chunks) };
}

function concatText(chunks: string[]): Uint8Array {
  const encoder = new TextEncoder();
  const parts = chunks.map((c) => encoder.encode(c));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
