// One cache shard's files, encoded and written with synchronous calls (the shard writer thread
// runs this: shard-writer.ts): logits.npy, features.npy (feature-storage.ts) and the meta JSON
// naming their SHA-256. Each file goes temp → write → fsync → rename, the data files first and
// the meta last, so a process killed at any moment leaves either no meta (the shard is absent; its
// leftovers are swept by cache-sweep.ts) or a whole shard. The folder's fsync, which makes the
// renames durable, is left to the caller: once per folder and batch of shards (shard-writer.ts).
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { writeNpy } from '../../../src-shared/formats/npy';
import type { FeatureDtype } from './feature-storage';
import { encodeFeatures } from './feature-storage';

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export type ShardSuffix = 'logits.npy' | 'features.npy' | 'json' | 'claim';

/** `shard-00007.json` and its siblings. */
export const shardFileName = (shard: number, suffix: ShardSuffix): string => `shard-${String(shard).padStart(5, '0')}.${suffix}`;

export interface ShardMeta {
  start: number;
  count: number;
  classes: number;
  featureDim: number;
  executionProvider: string;
  sha256: { logits: string; features: string };
  /** What features.npy holds, and why a shard this cache wanted as float16 is float32 (feature-storage.ts). */
  featureDtype?: FeatureDtype;
  featureFallback?: string;
  createdAt: string;
}

/** One shard to write: its entry folder, index, first sample and arrays (float32, row-major). */
export interface ShardJob {
  dir: string;
  shard: number;
  start: number;
  count: number;
  classes: number;
  featureDim: number;
  executionProvider: string;
  logits: Float32Array;
  features: Float32Array;
  featureDtype: FeatureDtype;
}

/** The shard's three files' bytes. */
export function encodeShard(job: ShardJob): { logits: Uint8Array; features: Uint8Array; meta: Uint8Array } {
  const logits = writeNpy(job.logits, [job.count, job.classes]);
  const { bytes: features, dtype, fallback } = encodeFeatures(job.features, [job.count, job.featureDim], job.featureDtype);
  const meta: ShardMeta = {
    start: job.start, count: job.count, classes: job.classes, featureDim: job.featureDim, executionProvider: job.executionProvider,
    sha256: { logits: sha256(logits), features: sha256(features) }, featureDtype: dtype, ...(fallback ? { featureFallback: fallback } : {}),
    createdAt: new Date().toISOString(),
  };
  return { logits, features, meta: new TextEncoder().encode(JSON.stringify(meta)) };
}

/** Writes the shard's files (data first, meta last), each atomically; the folder is not fsynced. */
export function writeShardSync(job: ShardJob): void {
  const files = encodeShard(job);
  mkdirSync(job.dir, { recursive: true });
  const file = (suffix: ShardSuffix) => path.join(job.dir, shardFileName(job.shard, suffix));
  writeFileAtomicSync(file('logits.npy'), files.logits);
  writeFileAtomicSync(file('features.npy'), files.features);
  writeFileAtomicSync(file('json'), files.meta);
}

/** Temp names: a random prefix per thread and a counter (one randomBytes call per file cost 5 % of the writer's time). */
const tempPrefix = randomBytes(4).toString('hex');
let tempCounter = 0;

/** temp → write → fsync → rename (the temp name, `.tmp-<pid>-<hex>`, is the one cache-sweep.ts recognises). */
export function writeFileAtomicSync(file: string, bytes: Uint8Array): void {
  const temp = `${file}.tmp-${process.pid}-${tempPrefix}${(tempCounter++).toString(16)}`;
  const fd = openSync(temp, 'w');
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** fsync of a folder: makes the renames into it durable. Some platforms (Windows) cannot; rename is still atomic there. */
export function syncDirectorySync(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // as above
  } finally {
    closeSync(fd);
  }
}
