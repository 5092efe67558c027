// Startup sweep of the result cache: a crash or kill -9 can leave temp files of an atomic write
// (`*.tmp-<pid>-<hex>`) and shard arrays whose meta JSON was never written (orphans: without the
// meta a shard does not exist, so nothing would ever read or remove them). Both are removed once
// older than a grace period, so a writer still working on them (another process sharing the
// cache) is never disturbed. Claim files (shard-claims.ts) are left to their own expiry. The
// projection cache (projection-cache.ts) is swept alike: temp files, and maps without their meta.
// Derived files of a superseded format version (metrics-v1 once metrics-v2 is current, …) are
// never read again: they are removed too, past the same grace (an older app may share the cache).
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { MODEL_ANALYSIS_VERSION } from '../bundle/model-analysis-cache';
import { CELL_METRICS_VERSION } from './cell-metrics-store';
import { GRID_INDEX_VERSION } from './grid-index';

/** Leftovers younger than this are left alone (a live writer may still own them). */
export const CACHE_SWEEP_GRACE_MS = 60 * 60 * 1000;

const TEMP_FILE = /\.tmp-\d+-[0-9a-f]+$/;
const SHARD_ARRAY = /^(shard-\d+)\.(logits|features)\.npy$/;
const PROJECTION_ARRAY = /^([0-9a-f]+)\.npy$/;

/** Which names in a folder are leftovers to remove (once older than the grace): `present` is every name there. */
type Leftover = (name: string, present: ReadonlySet<string>) => boolean;

/** Temp files of a killed atomic write, and arrays (`array` names them) whose `<name>.json` meta is missing. */
const writeLeftovers = (array: RegExp | null): Leftover => (name, present) => {
  if (TEMP_FILE.test(name)) return true;
  const orphan = array?.exec(name);
  return orphan != null && !present.has(`${orphan[1]}.json`);
};

/** Every file: a superseded format version's folder is never read again. */
const everything: Leftover = () => true;

/** The derived-file folders (`<family>-v<N>`) and their current versions; an older N is superseded. */
const DERIVED_VERSIONS: Record<string, number> = {
  metrics: CELL_METRICS_VERSION,
  'model-analysis': MODEL_ANALYSIS_VERSION,
  'grid-index': GRID_INDEX_VERSION,
};

function isSuperseded(dir: string): boolean {
  const match = /^([a-z-]+)-v(\d+)$/.exec(dir);
  const current = match ? DERIVED_VERSIONS[match[1]] : undefined;
  return current !== undefined && Number(match![2]) < current;
}

async function entries(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

/** Removes stale temp files and orphan shard arrays under `root`, and superseded derived files; returns what it removed. */
export async function sweepCache(root: string, options: { graceMs?: number; now?: number } = {}): Promise<string[]> {
  const cutoff = (options.now ?? Date.now()) - (options.graceMs ?? CACHE_SWEEP_GRACE_MS);
  const removed: string[] = [];
  const version = path.join(root, 'v1');
  for (const prefix of await entries(version)) {
    for (const key of await entries(path.join(version, prefix))) await sweepFolder(path.join(version, prefix, key), writeLeftovers(SHARD_ARRAY), cutoff, removed);
  }
  const projections = path.join(root, 'projections-v1');
  for (const prefix of await entries(projections)) await sweepFolder(path.join(projections, prefix), writeLeftovers(PROJECTION_ARRAY), cutoff, removed);
  // Cell metrics files (cell-metrics-store.ts) are whole or absent: only their temp files can be left over.
  // So are model analyses (bundle/model-analysis-cache.ts) and grid indexes (grid-index.ts).
  for (const [family, current] of Object.entries(DERIVED_VERSIONS)) {
    const dir = path.join(root, `${family}-v${current}`);
    for (const prefix of await entries(dir)) await sweepFolder(path.join(dir, prefix), writeLeftovers(null), cutoff, removed);
  }
  for (const dir of await entries(root)) {
    if (!isSuperseded(dir)) continue;
    for (const prefix of await entries(path.join(root, dir))) {
      await sweepFolder(path.join(root, dir, prefix), everything, cutoff, removed);
      await rmdir(path.join(root, dir, prefix)).catch(() => undefined); // kept while anything recent is left in it
    }
    await rmdir(path.join(root, dir)).catch(() => undefined);
  }
  return removed;
}

/** Removes the folder's leftovers older than the cutoff (files only). */
async function sweepFolder(dir: string, isLeftover: Leftover, cutoff: number, removed: string[]): Promise<void> {
  const names = await entries(dir);
  const present = new Set(names);
  for (const name of names) {
    if (!isLeftover(name, present)) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile() || info.mtimeMs > cutoff) continue;
    await rm(file, { force: true });
    removed.push(file);
  }
}
