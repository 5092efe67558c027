// Content-addressed cache of extraction results: per (model bytes, set definition,
// preprocessing, code version) an entry folder of shards. Each shard is logits.npy +
// features.npy + a meta JSON with their SHA-256, written last and atomically: a shard exists
// exactly when its meta does and its checksums match. A damaged shard is reported and recomputed.
// Shards are encoded and written by the shard writer thread (shard-writer.ts, shard-files.ts);
// their folders are fsynced once per batch (syncShards), not per shard.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { readNpy } from '../../../src-shared/formats/npy';
import type { FeatureDtype } from './feature-storage';
import { decodeFeatures, featureDtypeFromEnv, storedEntryKey } from './feature-storage';
import type { ShardMeta, ShardSuffix } from './shard-files';
import { sha256, shardFileName } from './shard-files';
import { shardWriter } from './shard-writer';

export { sha256 };

/**
 * Bump when extraction semantics change: old entries are then simply not found.
 * 2: float16 outputs decoded (version 1 cached their raw bits read as float32) and inputs fed as declared.
 */
export const EXTRACTION_CODE_VERSION = 2;

export interface ShardData {
  count: number;
  classes: number;
  featureDim: number;
  logits: Float32Array;
  features: Float32Array;
  executionProvider: string;
}

export class ResultCache {
  /** Entry folders with shard files renamed into them since their last fsync (syncShards). */
  private readonly unsynced = new Set<string>();

  constructor(
    readonly root: string,
    readonly onProblem: (message: string) => void = () => {},
    /** How shards store features (feature-storage.ts); entries of each storage live under their own keys. */
    readonly featureDtype: FeatureDtype = featureDtypeFromEnv(),
  ) {}

  /** The entry key: a hash of everything that determines the result. */
  static entryKey(parts: { modelHash: string; set: unknown; preprocessing: unknown; featureTensor: string }): string {
    const text = JSON.stringify({ ...parts, codeVersion: EXTRACTION_CODE_VERSION });
    return createHash('sha256').update(text).digest('hex').slice(0, 32);
  }

  /**
   * The key of the entry as stored under this cache's feature storage. Files that vouch for an
   * entry's shards (a cell's metrics file, grid indexes) use it, so a cell complete under one
   * storage is never taken as complete under the other.
   */
  storedKey(key: string): string {
    // Memoised: a SHA-256 per call, and every shard file name asks for it (profiled: ~0.2 µs per inferred image).
    let stored = this.storedKeys.get(key);
    if (stored === undefined) {
      if (this.storedKeys.size >= 4096) this.storedKeys.clear();
      stored = storedEntryKey(key, this.featureDtype);
      this.storedKeys.set(key, stored);
    }
    return stored;
  }

  private readonly storedKeys = new Map<string, string>();

  private entryDir(key: string): string {
    const stored = this.storedKey(key);
    return path.join(this.root, 'v1', stored.slice(0, 2), stored);
  }

  private shardPath(key: string, shard: number, suffix: ShardSuffix): string {
    return path.join(this.entryDir(key), shardFileName(shard, suffix));
  }

  async writeEntryInfo(key: string, info: unknown): Promise<void> {
    const withStorage = this.featureDtype === 'float32' ? info : { ...(info as object), featureDtype: this.featureDtype };
    this.unsynced.add(this.entryDir(key));
    await shardWriter().writeFile(path.join(this.entryDir(key), 'entry.json'), new TextEncoder().encode(JSON.stringify(withStorage, null, 2)));
  }

  /**
   * Writes a shard (shard-files.ts: each file temp → fsync → rename, meta last). `transfer`: the
   * arrays' buffers move to the writer thread (the caller must not use them afterwards). The shard
   * exists once this resolves; it is durable once its folder is fsynced (syncShards).
   */
  async writeShard(key: string, shard: number, start: number, data: ShardData, options: { transfer?: boolean } = {}): Promise<void> {
    const dir = this.entryDir(key);
    this.unsynced.add(dir);
    const { count, classes, featureDim, logits, features, executionProvider } = data;
    await shardWriter().writeShard({ dir, shard, start, count, classes, featureDim, logits, features, executionProvider, featureDtype: this.featureDtype }, options.transfer);
  }

  /**
   * fsyncs the folders of the shards written since the last call, making their renames durable:
   * once per folder and batch instead of once per shard. Called before anything that states a
   * shard is done beyond this process (a cell's metrics file) and at the end of every run. A crash
   * before it can lose the latest renames: those shards read as absent and are recomputed; a data
   * file that did not reach the disk reads as a checksum mismatch (its meta names the SHA-256) and
   * is recomputed too. Never a wrong number.
   */
  async syncShards(): Promise<void> {
    const dirs = [...this.unsynced];
    this.unsynced.clear();
    await shardWriter().syncDirectories(dirs);
  }

  /** The shard, or null when absent or damaged (damaged ones are removed and reported). */
  async readShard(key: string, shard: number, expectedCount: number, expectedDims?: { classes: number; featureDim: number }): Promise<ShardData | null> {
    let meta: ShardMeta;
    try {
      meta = JSON.parse(await readFile(this.shardPath(key, shard, 'json'), 'utf8')) as ShardMeta;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return this.discard(key, shard, 'unreadable shard metadata');
    }
    try {
      const [logitsBytes, featureBytes] = await Promise.all([readFile(this.shardPath(key, shard, 'logits.npy')), readFile(this.shardPath(key, shard, 'features.npy'))]);
      if (sha256(logitsBytes) !== meta.sha256.logits || sha256(featureBytes) !== meta.sha256.features) return this.discard(key, shard, 'checksum mismatch');
      if (meta.count !== expectedCount) return this.discard(key, shard, `holds ${meta.count} samples, expected ${expectedCount}`);
      const logitsNpy = readNpy(new Uint8Array(logitsBytes));
      const featuresNpy = readNpy(new Uint8Array(featureBytes));
      // A matching checksum proves the bytes are what was written, not that they have the shape this read needs.
      const classes = expectedDims?.classes ?? meta.classes;
      const featureDim = expectedDims?.featureDim ?? meta.featureDim;
      const shapeOk = (npy: typeof logitsNpy, dims: number, dtypes: readonly string[]) => dtypes.includes(npy.header.dtype) && npy.header.shape.length === 2 && npy.header.shape[0] === expectedCount && npy.header.shape[1] === dims;
      // Metas before the featureDtype field held f4 or f2 alike; a newer meta must name what the file holds.
      if (meta.featureDtype !== undefined && meta.featureDtype !== (featuresNpy.header.dtype === 'f2' ? 'float16' : 'float32')) {
        return this.discard(key, shard, `features.npy holds '${featuresNpy.header.dtype}', its metadata says ${meta.featureDtype}`);
      }
      if (!shapeOk(logitsNpy, classes, ['f4']) || !shapeOk(featuresNpy, featureDim, ['f4', 'f2']) || meta.classes !== classes || meta.featureDim !== featureDim) {
        return this.discard(key, shard, `logits (${logitsNpy.header.shape.join('×')}) and features (${featuresNpy.header.shape.join('×')}) should be ${expectedCount}×${classes} and ${expectedCount}×${featureDim}`);
      }
      const logits = logitsNpy.data as Float32Array;
      const features = decodeFeatures(featuresNpy.header, featuresNpy.data) as Float32Array; // f4 or f2, checked above
      return { count: meta.count, classes: meta.classes, featureDim: meta.featureDim, logits, features, executionProvider: meta.executionProvider };
    } catch (error) {
      return this.discard(key, shard, (error as Error).message);
    }
  }

  private async discard(key: string, shard: number, reason: string): Promise<null> {
    this.onProblem(`Cache shard ${key}/${shard} is damaged (${reason}); it will be recomputed.`);
    await Promise.all((['json', 'logits.npy', 'features.npy'] as const).map((suffix) => rm(this.shardPath(key, shard, suffix), { force: true })));
    return null;
  }

  /** A shard's file; `claim` is the lock file of a writer computing it (cache/shard-claims.ts). */
  shardFile(key: string, shard: number, suffix: ShardSuffix): string {
    return this.shardPath(key, shard, suffix);
  }
}
