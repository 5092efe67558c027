// The samples table (the columns of `analyze`'s samples.csv / samples.parquet) in memory, for the
// UI's Export menu: all rows, or only the chosen models, sets and sample indices.
import type { BundleRequest, PruneLensApi } from '../../../../src-shared/api/contract';
import { PruneLensError } from '../../../../src-shared/base/errors';
import type { ExportedFile, SampleMetrics } from '../../../../src-shared/api/result-types';
import { MemorySink } from '../byte-sink';
// The same writer as `analyze`'s samples files (exports.test.ts checks byte equality).
import { SamplesTableWriter } from '../samples-table';
import { slug } from './format';

/** exportSamples's input (contract.ts) and the caller's abort signal. */
export type SamplesRequest = BundleRequest<'exportSamples'> & { signal?: AbortSignal };


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
  const sink = new MemorySink();
  const table = new SamplesTableWriter(request.format === 'csv' ? { csv: sink } : { parquet: sink });
  let indices: number[] | null = null;
  for (const set of sets) {
    for (const modelId of models) {
      request.signal?.throwIfAborted();
      const m: SampleMetrics = await api.getSampleMetrics({ path: bundlePath, modelId, setId: set.id, classAngles: false });
      if (!indices) {
        indices = request.indices ? [...new Set(request.indices)].sort((a, b) => a - b) : Array.from({ length: m.count }, (_, i) => i);
        const bad = indices.find((i) => i >= m.count);
        if (bad !== undefined) throw new PruneLensError('bad-request', `Sample index ${bad} is out of range (the analysis has ${m.count} samples: 0–${m.count - 1}).`);
      }
      await table.append(modelId, set, m, indices);
    }
  }
  await table.close();
  const base = `${slug(bundle.name)}-samples`;
  if (request.format === 'parquet') return { fileName: `${base}.parquet`, mimeType: 'application/vnd.apache.parquet', bytes: sink.bytes() };
  return { fileName: `${base}.csv`, mimeType: 'text/csv', bytes: sink.bytes() };
}
