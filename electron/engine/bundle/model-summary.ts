// A bundle model's card and layer statistics for opening a bundle, computed off the event loop:
// the untrusted ONNX bytes are decoded and analysed in the unpack worker pool, within a byte and
// a time budget, and a model that failed (`bad-data`: over a budget) is refused at once the next
// time its file (same identity) is opened. Reading the model (external data inlined,
// model-bytes.ts) has its own budget and memo, keyed by the identities of the model and its data
// files, so a fixed data file is tried again. Given a cache folder, the result is remembered by
// the model file's content (model-analysis-cache.ts) and an unchanged model is not parsed again.
import { PruneLensError } from '../../../src-shared/base/errors';
import type { BundleManifest } from '../../../src-shared/bundle/manifest';
import type { BundleStore } from './bundle-archive-store';
import { analysedBytesSha256, cachedModelCard } from './model-analysis-cache';
import type { ModelCardEntry } from './model-analysis-cache';
import { readModelBytes } from './model-bytes';
import { throwIfRemembered, withFailureMemo } from '../unpack/failure-memo';
import { summarizeModelOffThread } from '../unpack/unpack-pool';
import type { ModelSummaryOutput } from '../unpack/unpack-protocol';

/** Largest model (external data inlined) a bundle may hold: above it the model is refused unparsed. */
export const MAX_PARSED_MODEL_BYTES = 2 * 1024 ** 3 - 1;

export async function summarizeBundleModel(
  store: BundleStore,
  model: BundleManifest['models'][number],
  budget: { maxBytes?: number; timeBudgetMs?: number } = {},
  cacheRoot?: string,
): Promise<ModelCardEntry> {
  const label = store.label(model.path);
  const identity = (await store.identity?.(model.path)) ?? null;
  const key = identity === null ? null : `model-summary|${identity}`;
  throwIfRemembered(key);
  const maxBytes = budget.maxBytes ?? MAX_PARSED_MODEL_BYTES;
  const time = budget.timeBudgetMs !== undefined ? { timeBudgetMs: budget.timeBudgetMs } : {};
  const summarize = async (forCache: boolean) => {
    const bytes = await readModelBytes(store, model.path, `Model '${model.id}'`, { maxBytes, ...time });
    return withFailureMemo(key, async () => {
      if (bytes.byteLength > maxBytes) throw new PruneLensError('bad-data', `${label}: the model is ${bytes.byteLength} bytes, over the ${maxBytes}-byte budget.`, { file: label });
      const overrides = { ...(model.featureTensor ? { featureTensor: model.featureTensor } : {}), ...(model.logitsTensor ? { logitsTensor: model.logitsTensor } : {}) };
      const size = bytes.byteLength;
      const analysedSha256 = forCache ? await analysedBytesSha256(bytes) : ''; // before the bytes move to the worker
      const output: ModelSummaryOutput = await summarizeModelOffThread({ input: bytes, overrides, fileLabel: label, ...time });
      return { value: { ...output, bytes: size }, analysedSha256 };
    });
  };
  if (!cacheRoot) return (await summarize(false)).value;
  const entry = await cachedModelCard(cacheRoot, store, model, () => summarize(true));
  // A card remembered under a larger budget is no pass under a smaller one.
  if (entry.bytes > maxBytes) throw new PruneLensError('bad-data', `${label}: the model is ${entry.bytes} bytes, over the ${maxBytes}-byte budget.`, { file: label });
  return entry;
}
