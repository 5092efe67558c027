// samples.csv / samples.parquet: one row per model × set × sample, columns exactly as documented
// in the README. Rows are appended per cell (streamed to CSV; columns buffered for Parquet).
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { SampleMetrics, SetRef } from '../../../src-shared/api/result-types';
import { pruningCategoryNames } from '../../../src-shared/analysis/categories';
import { writeFileAtomic } from '../cache/atomic-file';

export const sampleColumns = ['model', 'corruption', 'severity', 'index', 'label', 'pred', 'correct', 'length', 'angle_gt', 'angle_pred', 'angle_rival', 'logit_margin', 'geom_margin', 'confidence', 'entropy', 'category'] as const;

export const floatColumns = [
  ['length', 'length'], ['angle_gt', 'angleGt'], ['angle_pred', 'anglePred'], ['angle_rival', 'angleRival'],
  ['logit_margin', 'logitMargin'], ['geom_margin', 'geomMargin'], ['confidence', 'confidence'], ['entropy', 'entropy'],
] as const;

export const categoryName = (code: number) => (code === 255 ? '' : pruningCategoryNames[code]);
export const csvFloat = (v: number) => (Number.isNaN(v) ? '' : String(Number(v.toPrecision(7))));
export const parquetColumnType = (column: string) =>
  ['model', 'corruption', 'category'].includes(column) ? 'STRING' : column === 'correct' ? 'BOOLEAN' : ['severity', 'index', 'label', 'pred'].includes(column) ? 'INT32' : 'FLOAT';

export class SamplesTableWriter {
  private readonly csv: WriteStream;
  private readonly columns: Record<string, (string | number | boolean)[]> = Object.fromEntries(sampleColumns.map((c) => [c, []]));

  constructor(csvPath: string, private readonly parquetPath: string | null) {
    this.csv = createWriteStream(csvPath);
    this.csv.write(sampleColumns.join(',') + '\n');
  }

  async append(modelId: string, set: SetRef, m: SampleMetrics): Promise<void> {
    const lines: string[] = [];
    for (let i = 0; i < m.count; i++) {
      const floats = floatColumns.map(([, key]) => csvFloat(m[key][i]));
      lines.push([modelId, set.corruption, set.severity, i, m.labels[i], m.pred[i], m.correct[i], ...floats, categoryName(m.category[i])].join(','));
      if (this.parquetPath) {
        const c = this.columns;
        c.model.push(modelId); c.corruption.push(set.corruption); c.severity.push(set.severity); c.index.push(i);
        c.label.push(m.labels[i]); c.pred.push(m.pred[i]); c.correct.push(m.correct[i] === 1);
        for (const [column, key] of floatColumns) c[column].push(m[key][i]);
        c.category.push(categoryName(m.category[i]));
      }
    }
    if (!this.csv.write(lines.join('\n') + '\n')) await new Promise<void>((resolve) => this.csv.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.csv.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (!this.parquetPath) return;
    const buffer = parquetWriteBuffer({
      columnData: sampleColumns.map((name) => ({ name, data: this.columns[name], type: parquetColumnType(name) as 'STRING' })),
      createdBy: 'PruneLens',
    });
    await writeFileAtomic(this.parquetPath, new Uint8Array(buffer));
  }
}
