// The one list of input kinds. find() asks every reader's match() and takes the most confident
// (ties: the earlier registration); when none matches, one error names every kind tried. Also the
// one list of precomputed corrupted-set layouts (corruptedSetReaders).
import { PruneLensError } from '../../../src-shared/base/errors';
import { imageFolderReader } from './data-source-folder';
import { idxReader } from './data-source-idx';
import { npyReader } from './data-source-npy';
import type { DataSourceReader, SourceEntry } from './data-source-reader';
import { cifarCReader } from './data-source-cifar-c';
import type { CorruptedSetReader, CorruptedSpec } from './corrupted-set-reader';

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

/** Every precomputed corrupted-set layout PruneLens reads. Adding one: a reader module + one line here. */
export const corruptedSetReaders: readonly CorruptedSetReader[] = [cifarCReader];

/** The reader of a bundle's precomputed corrupted sets and the location its entry names; null for generated (or no) corruptions. */
export function findCorruptedSetReader(corrupted: CorruptedSpec | undefined, readers: readonly CorruptedSetReader[] = corruptedSetReaders): { reader: CorruptedSetReader; location: string } | null {
  if (!corrupted) return null;
  for (const reader of readers) {
    const location = reader.match(corrupted);
    if (location !== null) return { reader, location };
  }
  return null;
}
