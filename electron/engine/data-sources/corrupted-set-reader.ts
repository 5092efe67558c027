// The seam for precomputed corrupted sets (bundle.json data.corrupted naming files on disk rather
// than `generate`): each layout is one module exporting a CorruptedSetReader, listed in
// data-source-registry.ts (`corruptedSetReaders`). The session plans, opens and cache-keys sets
// through it, `validate` checks them and `init`'s folder scan finds them through it; nothing else
// knows a layout.
import type { BundleManifest } from '../../../src-shared/bundle/manifest';
import type { BundleStore } from '../bundle/bundle-archive-store';
import type { DataGeometry, Finding } from './data-check-helpers';
import type { ImageSource } from './data-source-base';
import type { ScanFolder } from './scan-folder';

export type CorruptedSpec = NonNullable<BundleManifest['data']['corrupted']>;

/** What the data check knows of the clean set when it asks a reader to check its files. */
export interface CleanSummary {
  geometry: DataGeometry | null;
  labels: Int32Array | null;
  classes: number;
}

export interface CorruptedSetReader {
  /** Shown in errors. */
  kind: string;
  /** The JSON path the entry lives at, e.g. `data.corrupted.cifarC` (where findings about the whole entry go). */
  where: string;
  /** The folder or file the manifest names for this layout, or null when it names another. */
  match(corrupted: CorruptedSpec): string | null;
  /** Corruptions whose files are there, sorted (a folder may hold only some). */
  list(store: BundleStore, location: string): Promise<string[]>;
  /** One corruption at one severity, as an image source (every clean image once, in order). */
  open(store: BundleStore, location: string, corruption: string, severity: number, layout?: 'NCHW' | 'NHWC'): Promise<ImageSource>;
  /** The files whose content identifies a corruption's images: hashed, in this order, into its cache key. */
  files(location: string, corruption: string): string[];
  /** One line for the bundle summary, e.g. "CIFAR-10-C layout in C/". */
  describe(location: string): string;
  /** Every file the entry holds (the report's provenance hashes them); [] when unreadable. */
  allFiles(store: BundleStore, location: string): Promise<string[]>;
  /** Checks the files against each other and the clean set, adding findings (`validate`). */
  check(store: BundleStore, location: string, clean: CleanSummary, findings: Finding[]): Promise<void>;
  /** For `init`'s folder scan: the data.corrupted entry naming `folder` when it holds sets in this layout (the scan then skips the folder), else null. */
  scan?(store: BundleStore, folder: ScanFolder): Promise<CorruptedSpec | null>;
}
