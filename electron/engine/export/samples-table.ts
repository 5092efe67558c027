// samples.csv / samples.parquet: one row per model × set × sample, columns exactly as documented
// in the README. The one writer of these rows, for `analyze` (files) and the UI's Export menu
// (memory): rows are appended cell by cell and streamed, CSV per cell and Parquet per row group,
// so memory holds at most one row group whatever the number of rows.
import type { SampleMetrics, SetRef } from '../../../src-shared/api/result-types';
import { NO_CATEGORY, pruningCategoryNames } from '../../../src-shared/analysis/categories';
import type { ByteSink } from './byte-sink';
import { csvFloat } from './csv-float';
import { ParquetStream } from './parquet-stream';
import type { ParquetColumnType } from './parquet-stream';

export const sampleColumns = ['model', 'corruption', 'severity', 'index', 'label', 'pred', 'correct', 'length', 'angle_gt', 'angle_pred', 'angle_rival', 'logit_margin', 'geom_margin', 'confidence', 'entropy', 'category'] as const;

const floatKeys = ['length', 'angleGt', 'anglePred', 'angleRival', 'logitMargin', 'geomMargin', 'confidence', 'entropy'] as const;

const categoryName = (code: number) => (code === NO_CATEGORY ? '' : pruningCategoryNames[code]);
const parquetColumnType = (column: string): ParquetColumnType =>
  ['model', 'corruption', 'category'].includes(column) ? 'STRING' : column === 'correct' ? 'BOOLEAN' : ['severity', 'index', 'label', 'pred'].includes(column) ? 'INT32' : 'FLOAT';

export interface SamplesTableSinks {
  csv?: ByteSink | null;
  parquet?: ByteSink | null;
  /** Rows per Parquet row group (the most rows held in memory). */
  rowGroupRows?: number;
}

export class SamplesTableWriter {
  private readonly csv: ByteSink | null;
  private readonly parquet: ParquetStream | null;
  private readonly encoder = new TextEncoder();
  private started = false;

  constructor(private readonly sinks: SamplesTableSinks) {
    this.csv = sinks.csv ?? null;
    this.parquet = sinks.parquet ? new ParquetStream(sampleColumns.map((name) => ({ name, type: parquetColumnType(name) })), sinks.parquet, sinks.rowGroupRows) : null;
  }

  /** One cell's rows: every sample, or only `indices` (kept as the rows' index column). */
  async append(modelId: string, set: SetRef, m: SampleMetrics, indices?: readonly number[]): Promise<void> {
    const lines: string[] = this.started ? [] : [sampleColumns.join(',')];
    this.started = true;
    const count = indices ? indices.length : m.count;
    for (let k = 0; k < count; k++) {
      const i = indices ? indices[k] : k;
      if (this.csv) {
        // One string per row, no per-row arrays (what join(',') wrote: undefined as '').
        let line = `${modelId},${set.corruption},${set.severity},${i},${m.labels[i]},${m.pred[i]},${m.correct[i]}`;
        for (const key of floatKeys) line += `,${csvFloat(m[key][i])}`;
        lines.push(`${line},${categoryName(m.category[i]) ?? ''}`);
      }
      this.parquet?.push([modelId, set.corruption, set.severity, i, m.labels[i], m.pred[i], m.correct[i] === 1, ...floatKeys.map((key) => m[key][i]), categoryName(m.category[i])]);
    }
    if (this.csv && lines.length) await this.csv.write(this.encoder.encode(lines.join('\n') + '\n'));
    await this.parquet?.flushFull();
  }

  /** Finishes and publishes both files (a table with no rows still has its CSV header). */
  async close(): Promise<void> {
    if (this.csv && !this.started) await this.csv.write(this.encoder.encode(sampleColumns.join(',') + '\n'));
    this.started = true;
    await this.csv?.close();
    if (this.parquet) {
      await this.parquet.close();
      await this.sinks.parquet!.close();
    }
  }

  async abort(): Promise<void> {
    await Promise.all([this.sinks.csv?.abort(), this.sinks.parquet?.abort()]);
  }
}
