// Refuses zip archives whose entries share bytes: duplicate names (which one would be read?) and
// overlapping entries — the "many entries over one huge deflate stream" bomb, where a 1 MB file
// declares dozens of 1 GiB entries. Each entry occupies at least its 30-byte local header plus its
// packed data from its local header offset; those extents must not intersect. Also refuses many
// separate, honestly sized bombs: entries packed more than HIGH_RATIO:1 may together unpack to
// at most HIGH_RATIO_BUDGET_BYTES (real models and arrays pack far less tightly).
import { PruneLensError } from '../base/errors';
import { LOCAL_HEADER_BYTES } from './zip-directory';
import type { ZipEntry } from './zip-directory';

export function checkEntryLayout(entries: readonly ZipEntry[], label: string): void {
  const names = new Set<string>();
  for (const entry of entries) {
    if (names.has(entry.name)) throw new PruneLensError('bad-data', `${label}: entry '${entry.name}' appears twice in the archive.`, { file: label });
    names.add(entry.name);
  }
  const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const end = previous.localHeaderOffset + LOCAL_HEADER_BYTES + previous.compressedSize;
    if (sorted[i].localHeaderOffset < end) {
      throw new PruneLensError('bad-data', `${label}: entries '${previous.name}' and '${sorted[i].name}' overlap in the archive (a zip bomb or a corrupt archive).`, {
        file: label,
        offset: sorted[i].localHeaderOffset,
      });
    }
  }
}

/** Packing ratio above which an entry counts against the archive's bomb budget. */
export const HIGH_RATIO = 50;
/** What all entries packed more tightly than HIGH_RATIO:1 may unpack to, together. */
export const HIGH_RATIO_BUDGET_BYTES = 256 * 1024 * 1024;

export function checkBombBudget(entries: readonly ZipEntry[], label: string): void {
  const tight = entries.filter((e) => e.method === 8 && e.uncompressedSize > HIGH_RATIO * Math.max(1, e.compressedSize));
  const total = tight.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > HIGH_RATIO_BUDGET_BYTES) {
    throw new PruneLensError(
      'bad-data',
      `${label}: ${tight.length} entries packed more than ${HIGH_RATIO}:1 would unpack to ${total} bytes, over the ${HIGH_RATIO_BUDGET_BYTES}-byte budget for such entries (a decompression bomb?).`,
      { file: label },
    );
  }
}
