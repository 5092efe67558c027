// A model's bytes as inference and analysis need them: the .onnx file from the bundle store, with
// any external-data tensors (files beside it in the bundle folder or archive) read through the
// same store — so the bundle's confinement (no `..`, no absolute path, no symlink out) applies —
// and inlined into one self-contained model. Decoding, listing and re-encoding run in the unpack
// worker (never on the event loop); the external bytes are read here within a byte budget checked
// before each read, and a `bad-data` failure is remembered per identity of the model and its files.
import { PruneLensError } from '../../../src-shared/base/errors';
import { MAX_INLINED_BYTES } from '../../../src-shared/onnx/external-data';
import type { ExternalRef } from '../../../src-shared/onnx/external-data';
import type { BundleStore, RandomAccessFile } from './bundle-archive-store';
import { throwIfRemembered, withFailureMemo } from '../unpack/failure-memo';
import { inlineExternalDataOffThread, listExternalDataOffThread } from '../unpack/unpack-pool';

/** Most tensors one model may keep in external files. */
export const MAX_EXTERNAL_TENSORS = 65_536;

export interface ModelBytesBudget {
  /** Bytes of the model with its external data (default MAX_INLINED_BYTES: one ONNX protobuf's limit). */
  maxBytes?: number;
  /** Time budget of each worker step (default MODEL_PARSE_TIME_BUDGET_MS). */
  timeBudgetMs?: number;
}

/** The model at bundle path `modelPath`, external data inlined (the file's bytes when it has none). */
export async function readModelBytes(store: BundleStore, modelPath: string, what: string, budget: ModelBytesBudget = {}): Promise<Uint8Array> {
  // A model remembered as bad is refused before its bytes are read again.
  throwIfRemembered(listKey(await store.identity?.(modelPath)));
  return inlineFromStore(store, modelPath, await store.readFile(modelPath, what), budget);
}

const listKey = (identity: string | null | undefined) => (identity ? `external-list|${identity}` : null);

/**
 * `bytes` (the model at `modelPath` in `store`) with its external data read from the store and
 * inlined. `bytes` is transferred to the worker: use the returned array, not it.
 */
export async function inlineFromStore(store: BundleStore, modelPath: string, bytes: Uint8Array, budget: ModelBytesBudget = {}): Promise<Uint8Array> {
  const label = store.label(modelPath);
  const identity = (await store.identity?.(modelPath)) ?? null;
  const time = budget.timeBudgetMs !== undefined ? { timeBudgetMs: budget.timeBudgetMs } : {};
  const listed = await withFailureMemo(listKey(identity), () =>
    listExternalDataOffThread({ input: bytes, modelPath, fileLabel: label, maxTensors: MAX_EXTERNAL_TENSORS, ...time }));
  if (!listed.refs) return listed.input;
  const refs = listed.refs;
  const files = new Map<string, RandomAccessFile>();
  try {
    for (const ref of refs) if (!files.has(ref.relative)) files.set(ref.relative, await openExternal(store, ref, label));
    const identities = await Promise.all([...files.keys()].map(async (relative) => (await store.identity?.(relative)) ?? null));
    const key = identity && !identities.includes(null) ? `external-data|${identity}|${identities.join('|')}` : null;
    return await withFailureMemo(key, async () => {
      const maxBytes = budget.maxBytes ?? MAX_INLINED_BYTES;
      const spans = refs.map((ref) => span(ref, files.get(ref.relative)!, label));
      const total = spans.reduce((sum, s) => sum + s.size, listed.input.byteLength);
      if (total > maxBytes) {
        throw new PruneLensError('bad-data', `${label}: the model with its external data would be ${total} bytes, over the ${maxBytes}-byte budget (refused before reading it).`, { file: label });
      }
      // Each read is exactly its span, so the bytes read never pass the total checked above.
      const chunks: Uint8Array[] = [];
      for (const [i, ref] of refs.entries()) chunks.push(await files.get(ref.relative)!.read(spans[i].offset, spans[i].size));
      return inlineExternalDataOffThread({ input: listed.input, chunks, modelPath, fileLabel: label, ...time });
    });
  } finally {
    await Promise.all([...files.values()].map((file) => file.close()));
  }
}

async function openExternal(store: BundleStore, ref: ExternalRef, label: string): Promise<RandomAccessFile> {
  try {
    return await store.open(ref.relative, `External data of tensor '${ref.tensor}' (${label})`);
  } catch (error) {
    if (error instanceof PruneLensError && error.code === 'forbidden') {
      throw new PruneLensError('forbidden', `${label}: tensor '${ref.tensor}' keeps its data in '${ref.relative}', which leads outside the bundle; external data must be a file beside the model inside the bundle.`, { file: label, tensor: ref.tensor });
    }
    throw error;
  }
}

function span(ref: ExternalRef, file: RandomAccessFile, label: string): { offset: number; size: number } {
  const size = ref.length ?? file.size - ref.offset;
  if (ref.offset + size > file.size || size < 0) {
    throw new PruneLensError('bad-onnx', `${label}: tensor '${ref.tensor}' needs bytes ${ref.offset}–${ref.offset + size} of '${ref.relative}', which has ${file.size}.`, { file: label, tensor: ref.tensor });
  }
  return { offset: ref.offset, size };
}
