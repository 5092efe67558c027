// Content-addressed cache of extraction results: per (model bytes, set definition,
// preprocessing, code version) an entry folder of shards. Each shard is logits.npy +
// features.npy + a meta JSON with their SHA-256, written last and atomically: a shard exists
// exactly when its meta does and its checksums match. A damaged shard is reported and recomputed.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { readNpy, writeNpy } from '../../../src-shared/formats/npy';
import { writeFileAtomic } from './atomic-file';
import type { FeatureDtype } from './feature-storage';
import { decodeFeatures, encodeFeatures, featureDtypeFromEnv, storedEntryKey } from './feature-storage';

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

interface ShardMeta {
  start: number;
  count: number;
  classes: number;
  featureDim: number;
  executionProvider: string;
  sha256: { logits: string; features: string };
  createdAt: string;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export class ResultCache {
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

  private entryDir(key: string): string {
    const stored = storedEntryKey(key, this.featureDtype);
    return path.join(this.root, 'v1', stored.slice(0, 2), stored);
  }

  private shardPath(key: string, shard: number, suffix: string): string {
    return path.join(this.entryDir(key), `shard-${String(shard).padStart(5, '0')}.${suffix}`);
  }

  async writeEntryInfo(key: string, info: unknown): Promise<void> {
    const withStorage = this.featureDtype === 'float32' ? info : { ...(info as object), featureDtype: this.featureDtype };
    await writeFileAtomic(path.join(this.entryDir(key), 'entry.json'), new TextEncoder().encode(JSON.stringify(withStorage, null, 2)));
  }

  async writeShard(key: string, shard: number, start: number, data: ShardData): Promise<void> {
    const logits = writeNpy(data.logits, [data.count, data.classes]);
    const features = encodeFeatures(data.features, [data.count, data.featureDim], this.featureDtype);
    // Data first, meta last: the meta's folder fsync also makes both data renames durable.
    await writeFileAtomic(this.shardPath(key, shard, 'logits.npy'), logits, { syncDirectory: false });
    await writeFileAtomic(this.shardPath(key, shard, 'features.npy'), features, { syncDirectory: false });
    const meta: ShardMeta = {
      start, count: data.count, classes: data.classes, featureDim: data.featureDim, executionProvider: data.executionProvider,
      sha256: { logits: sha256(logits), features: sha256(features) }, createdAt: new Date().toISOString(),
    };
    await writeFileAtomic(this.shardPath(key, shard, 'json'), new TextEncoder().encode(JSON.stringify(meta)));
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
    await Promise.all(['json', 'logits.npy', 'features.npy'].map((suffix) => rm(this.shardPath(key, shard, suffix), { force: true })));
    return null;
  }

  /** A shard's file; `claim` is the lock file of a writer computing it (cache/shard-claims.ts). */
  shardFile(key: string, shard: number, suffix: 'logits.npy' | 'features.npy' | 'json' | 'claim'): string {
    return this.shardPath(key, shard, suffix);
  }
}
