// The data-source reader seam (Netron-style format factories): each input kind is one module that
// exports a DataSourceReader `{ kind, match, open }`, and data-source-registry.ts lists them. A new
// input kind is one new reader module plus one registry line; nothing else chooses readers.
import { PruneLensError } from '../../../src-shared/base/errors';
import type { CleanDataSpec } from '../../../src-shared/bundle/manifest';
import type { BundleStore } from '../bundle/bundle-archive-store';
import { checkLabelCount } from './data-source-base';
import type { ImageSource } from './data-source-base';
import type { CleanSetScan } from './scan-folder';

/** What a reader is asked to recognise: the bundle's data.clean entry, already known to exist. */
export interface SourceEntry {
  store: BundleStore;
  spec: CleanDataSpec;
  /** True when spec.images is a folder. */
  isDir: boolean;
  /** First 8 bytes of spec.images (null for a folder); read on first call, then remembered. */
  head(): Promise<Uint8Array | null>;
}

/** What open() may use besides the entry. */
export interface ReaderContext {
  /** The manifest's class names (image folders map subfolders onto them). */
  classNames: string[];
  /** Integer labels from a .npy or IDX file. */
  readLabels(relative: string): Promise<Int32Array>;
}

/** One input kind. */
export interface DataSourceReader {
  /** Shown in errors and matched against data.clean.format. */
  kind: string;
  /** 1 when certain (named by data.clean.format, or structurally implied), below 1 when guessed from content; false when not this kind. */
  match(entry: SourceEntry): Promise<number | false>;
  open(entry: SourceEntry, ctx: ReaderContext): Promise<ImageSource>;
  /** How `init`'s folder scan finds this kind (scan-folder.ts); without it the kind is read only when bundle.json names it. */
  scan?: CleanSetScan;
}

/** Kind of a data file from its first bytes. */
export function sniffDataFormat(head: Uint8Array): 'npy' | 'idx' | 'idx-gz' | null {
  if (head.length >= 6 && head[0] === 0x93 && String.fromCharCode(...head.subarray(1, 6)) === 'NUMPY') return 'npy';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'idx-gz';
  if (head.length >= 4 && head[0] === 0 && head[1] === 0 && head[3] >= 1) return 'idx';
  return null;
}

/** Shared match rule for single-file readers: certain when data.clean.format names the kind, 0.5 when the first bytes say so. */
export async function matchFile(entry: SourceEntry, kind: string, sniffed: (head: Uint8Array) => boolean): Promise<number | false> {
  if (entry.isDir) return false;
  if (entry.spec.format !== undefined) return entry.spec.format === kind ? 1 : false;
  const head = await entry.head();
  return head !== null && sniffed(head) ? 0.5 : false;
}

/** Opens an images file that needs data.clean.labels: reads the labels, opens, checks the counts agree. */
export async function openLabelled(entry: SourceEntry, ctx: ReaderContext, openImages: (labels: Int32Array) => Promise<ImageSource>): Promise<ImageSource> {
  const { store, spec } = entry;
  if (spec.labels === undefined) throw new PruneLensError('bad-manifest', `data.clean.labels is required for ${spec.images}.`, { jsonPath: 'data.clean.labels' });
  const labels = await ctx.readLabels(spec.labels);
  const source = await openImages(labels);
  if (labels.length !== source.count) await source.close();
  checkLabelCount(labels, source.count, store.label(spec.labels), store.label(spec.images));
  return source;
}
