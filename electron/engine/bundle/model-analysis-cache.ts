// Remembers what opening a bundle computes for each model — its card and layer statistics
// (model-summary.ts) and its prepared form (extraction/prepared-model.ts: the classifier head, the
// surgically extended ONNX bytes, the input) — in the content-addressed cache, keyed by the model
// file's content hash (remembered by cache/file-hash-memo.ts, so an unchanged file is not read
// again), the head overrides of bundle.json and the code versions. Reopening a bundle then reads
// one checksummed file per model instead of decoding and analysing every graph.
// Stored only for a self-contained model whose bytes did not change while it was analysed (the
// file read afterwards hashes to both the key and the analysed bytes): a model with external data
// is analysed every time. A missing, damaged or mismatched entry is recomputed, never trusted.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ManifestModel } from '../../../src-shared/bundle/manifest';
import type { ClassifierHead } from '../../../src-shared/onnx/classifier-head';
import { appVersion } from '../app-version';
import { readChecked, sha256Sliced, writeChecked } from '../cache/checked-file';
import type { CheckedContent } from '../cache/checked-file';
import { EXTRACTION_CODE_VERSION } from '../cache/result-cache';
import type { PreparedModel } from '../extraction/prepared-model';
import { hashStoreFiles } from '../session/data-key';
import type { ModelSummaryOutput } from '../unpack/unpack-protocol';
import type { BundleStore } from './bundle-archive-store';

/** Bump when what an entry holds, or how the analysis behind it is computed, changes: old entries are then ignored. */
export const MODEL_ANALYSIS_VERSION = 2; // 2: whole zeroed channels are no longer read as N:M (nm-sparsity.ts)

const DIR = `model-analysis-v${MODEL_ANALYSIS_VERSION}`;

interface Codec<T> {
  magic: number;
  ext: string;
  encode(value: T): CheckedContent | null;
  decode(content: CheckedContent, model: ManifestModel): T | null;
}

/** The entry key: content hash of the model file, head overrides, and every version its analysis depends on. */
export function modelAnalysisKey(fileHash: string, model: Pick<ManifestModel, 'featureTensor' | 'logitsTensor'>): string {
  const parts = [fileHash, model.featureTensor ?? null, model.logitsTensor ?? null, MODEL_ANALYSIS_VERSION, EXTRACTION_CODE_VERSION, appVersion];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}

export function modelAnalysisPath(cacheRoot: string, key: string, ext: string): string {
  return path.join(cacheRoot, DIR, key.slice(0, 2), `${key}.${ext}`);
}

/**
 * Whether the model's file holds exactly the bytes that were analysed (no external data was
 * inlined) and, read after the analysis, still has the content its key was computed from (the
 * remembered hash stands while the file is unchanged; a changed file is hashed again).
 */
async function selfContainedAndUnchanged(cacheRoot: string, store: BundleStore, model: ManifestModel, fileHash: string, analysedSha256: string): Promise<boolean> {
  const raw = await store.readFile(model.path, `Model '${model.id}'`).catch(() => null);
  if (!raw || (await sha256Sliced(raw)).toString('hex') !== analysedSha256) return false;
  return (await hashStoreFiles(store, [model.path], cacheRoot).catch(() => null)) === fileHash;
}

/** SHA-256 (hex) of bytes about to be analysed, without holding the event loop on a large model. */
export const analysedBytesSha256 = async (bytes: Uint8Array) => (await sha256Sliced(bytes)).toString('hex');

async function cachedAnalysis<T>(codec: Codec<T>, cacheRoot: string, store: BundleStore, model: ManifestModel, compute: () => Promise<{ value: T; analysedSha256: string }>): Promise<T> {
  let fileHash: string;
  try {
    fileHash = await hashStoreFiles(store, [model.path], cacheRoot);
  } catch {
    return (await compute()).value; // unreadable: let the analysis report it
  }
  const key = modelAnalysisKey(fileHash, model);
  const file = modelAnalysisPath(cacheRoot, key, codec.ext);
  const hit = await readChecked(file, codec.magic, MODEL_ANALYSIS_VERSION);
  const value = hit && hit.header.key === key ? codec.decode(hit, model) : null;
  if (value) return value;
  const computed = await compute();
  const content = codec.encode(computed.value);
  if (content && (await selfContainedAndUnchanged(cacheRoot, store, model, fileHash, computed.analysedSha256))) {
    await writeChecked(file, codec.magic, MODEL_ANALYSIS_VERSION, { header: { key, ...content.header }, sections: content.sections }).catch(() => undefined);
  }
  return computed.value;
}

const f32 = (bytes: Uint8Array) => new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
const bytesOf = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

type StoredHead = Omit<ClassifierHead, 'weights' | 'bias' | 'featureNodes'>;
type StoredPrepared = Omit<PreparedModel, 'id' | 'role' | 'head' | 'runBytes'> & { head: StoredHead };

const preparedCodec: Codec<PreparedModel> = {
  magic: 0x50414c50, // 'PLAP'
  ext: 'prepared',
  encode(p) {
    const { weights, bias, featureNodes: _applied, ...head } = p.head;
    const { id: _id, role: _role, head: _head, runBytes, ...rest } = p;
    const header: StoredPrepared = { ...rest, head };
    // Only what JSON keeps exactly (no NaN, undefined or typed array in the small fields).
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(header)), header)) return null;
    return { header: { prepared: header }, sections: [bytesOf(weights), bytesOf(bias), runBytes] };
  },
  decode({ header, sections }, model) {
    const stored = header.prepared as StoredPrepared | undefined;
    if (!stored?.head || sections.length !== 3) return null;
    const { classes, featureDim } = stored.head;
    if (!Number.isSafeInteger(classes) || !Number.isSafeInteger(featureDim) || sections[0].byteLength !== classes * featureDim * 4 || sections[1].byteLength !== classes * 4) return null;
    // Surgery has already added the head's feature nodes to runBytes: nothing reads them after preparation.
    const head: ClassifierHead = { ...stored.head, weights: f32(sections[0]), bias: f32(sections[1]), featureNodes: [] };
    return { ...stored, id: model.id, role: model.role, head, runBytes: sections[2] };
  },
};

export type ModelCardEntry = ModelSummaryOutput & { bytes: number };

const cardCodec: Codec<ModelCardEntry> = {
  magic: 0x43414c50, // 'PLAC'
  ext: 'card',
  encode(entry) {
    return isDeepStrictEqual(JSON.parse(JSON.stringify(entry)), entry) ? { header: { card: entry }, sections: [] } : null;
  },
  decode({ header, sections }) {
    const entry = header.card as ModelCardEntry | undefined;
    return entry && typeof entry === 'object' && entry.card && entry.stats && Number.isSafeInteger(entry.bytes) && sections.length === 0 ? entry : null;
  },
};

/** `prepare()`'s result for `model`, or the one remembered for the same file content, overrides and code. */
export function cachedPreparedModel(cacheRoot: string, store: BundleStore, model: ManifestModel, prepare: () => Promise<PreparedModel>): Promise<PreparedModel> {
  return cachedAnalysis(preparedCodec, cacheRoot, store, model, async () => {
    const value = await prepare();
    return { value, analysedSha256: value.hash };
  });
}

/** `summarize()`'s card and statistics for `model` (it reports the sha256 of the bytes it analysed), or the remembered ones. */
export function cachedModelCard(cacheRoot: string, store: BundleStore, model: ManifestModel, summarize: () => Promise<{ value: ModelCardEntry; analysedSha256: string }>): Promise<ModelCardEntry> {
  return cachedAnalysis(cardCodec, cacheRoot, store, model, summarize);
}
