// What the `init` wizard's folder scan (data-source-scan.ts) asks each registered reader: a clean
// kind proposes test sets (`DataSourceReader.scan`), a corrupted layout claims folders
// (`CorruptedSetReader.scan`). The scan itself knows no kind; a new one is found once registered.
import type { CleanDataSpec } from '../../../src-shared/bundle/manifest';
import type { BundleStore } from '../bundle/bundle-archive-store';

/** One folder as the scan walks it. */
export interface ScanFolder {
  /** Relative to the scanned folder ('' for itself). */
  dir: string;
  /** Names of its files. */
  files: string[];
  /** Names of its subfolders (hidden ones and node_modules left out). */
  subdirs: string[];
}

/** A clean test set a reader offers; the scan takes the most confident (ties: the earlier registration, then test-named paths). */
export interface CleanProposal {
  spec: CleanDataSpec;
  /** 1 for an explicit pairing (images + labels), lower for a weaker sign. */
  confidence: number;
  /** Class names, when the data says them (image-folder subfolders). */
  classNames?: string[];
}

/** How the scan finds one clean kind. */
export interface CleanSetScan {
  /** What the kind looks like on disk, for the "nothing found" note. */
  looksLike: string;
  /** A folder that is one test set as a whole: the scan then does not descend into its subfolders (its own files are still offered). */
  folder?(store: BundleStore, folder: ScanFolder): Promise<CleanProposal | null>;
  /** The best set among every file found outside claimed folders (paths relative to the scanned folder); unreadable files go to `notes`. */
  files?(store: BundleStore, files: readonly string[], notes: string[]): Promise<CleanProposal | null>;
}

/** Sort order that puts test-set-looking paths (t10k, test, val) first, then by name. */
export const testFirst = (a: string, b: string) => Number(/t10k|test|val/i.test(b)) - Number(/t10k|test|val/i.test(a)) || a.localeCompare(b);
