// The one list of input kinds. find() asks every reader's match() and takes the most confident
// (ties: the earlier registration); when none matches, one error names every kind tried.
import { PruneLensError } from '../../../src-shared/base/errors';
import { imageFolderReader } from './data-source-folder';
import { idxReader } from './data-source-idx';
import { npyReader } from './data-source-npy';
import type { DataSourceReader, SourceEntry } from './data-source-reader';

export interface ReaderRegistry {
  readonly readers: readonly DataSourceReader[];
  /** The reader for an entry; throws 'bad-data' listing the kinds tried when none matches. */
  find(entry: SourceEntry): Promise<DataSourceReader>;
}

export function createReaderRegistry(readers: readonly DataSourceReader[]): ReaderRegistry {
  const kinds = readers.map((r) => r.kind);
  if (new Set(kinds).size !== kinds.length) throw new Error(`duplicate data-source reader kind in [${kinds.join(', ')}]`);
  return {
    readers,
    async find(entry) {
      let best: { reader: DataSourceReader; confidence: number } | null = null;
      for (const reader of readers) {
        const confidence = await reader.match(entry);
        if (confidence !== false && confidence > 0 && (!best || confidence > best.confidence)) best = { reader, confidence };
      }
      if (best) return best.reader;
      const label = entry.store.label(entry.spec.images);
      throw new PruneLensError('bad-data', `${label}: no input kind recognises it (tried ${kinds.join(', ')}); set data.clean.format.`, { file: label });
    },
  };
}

/** Every input kind PruneLens reads today. Adding one: a reader module + one line here. */
export const dataSourceReaders = createReaderRegistry([imageFolderReader, npyReader, idxReader]);
