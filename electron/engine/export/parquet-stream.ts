// A Parquet file written row group by row group: hyparquet-writer's ParquetWriter encodes each
// group and calls its writer's flush(), which here hands the group's bytes to a ByteSink and
// empties the buffer. Memory holds one row group, never the whole table; the footer (row-group
// metadata and page indexes, a few hundred bytes per group) is written on close.
import { ByteWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import type { ByteSink } from './byte-sink';

export type ParquetColumnType = 'STRING' | 'BOOLEAN' | 'INT32' | 'FLOAT';
type Value = string | number | boolean;

class SinkWriter extends ByteWriter {
  constructor(private readonly sink: ByteSink) {
    super(1 << 20);
  }

  flush(): Promise<void> {
    const chunk = new Uint8Array(this.buffer.slice(0, this.index)); // a copy: the buffer is reused
    this.index = 0;
    return this.sink.write(chunk);
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}

export class ParquetStream {
  private readonly writer: ParquetWriter;
  private readonly pending: Value[][];
  private rows = 0;

  constructor(
    private readonly columns: readonly { name: string; type: ParquetColumnType }[],
    sink: ByteSink,
    private readonly rowGroupRows = 100_000,
  ) {
    const schema = schemaFromColumnData({ columnData: columns.map(({ name, type }) => ({ name, type, data: [] })) });
    this.writer = new ParquetWriter({ writer: new SinkWriter(sink), schema, createdBy: 'PruneLens' });
    this.pending = columns.map(() => []);
  }

  /** One row, values in column order. Call flushFull() now and then to write finished groups. */
  push(row: readonly Value[]): void {
    for (let j = 0; j < row.length; j++) this.pending[j].push(row[j]);
    this.rows++;
  }

  /** Writes every complete row group buffered so far. */
  async flushFull(): Promise<void> {
    while (this.rows >= this.rowGroupRows) await this.writeGroup(this.rowGroupRows);
  }

  async close(): Promise<void> {
    await this.flushFull();
    if (this.rows > 0) await this.writeGroup(this.rows);
    await this.writer.finish();
  }

  private async writeGroup(size: number): Promise<void> {
    const columnData = this.columns.map(({ name }, j) => ({ name, data: this.pending[j].splice(0, size) }));
    this.rows -= size;
    await this.writer.write({ columnData, rowGroupSize: size });
  }
}
