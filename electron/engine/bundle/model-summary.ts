// A bundle model's card and layer statistics for opening a bundle, computed off the event loop:
// the untrusted ONNX bytes are decoded and analysed in the unpack worker pool, within a byte and
// a time budget, and a model that failed (`bad-data`: over a budget) is refused at once the next
// time its file (same identity) is opened. Reading the model (external data inlined,
// model-bytes.ts) has its own budget and memo, keyed by the identities of the model and its data
// files, so a fixed data file is tried again.
import { PruneLensError } from '../../../src-shared/base/errors';
import type { BundleManifest } from '../../../src-shared/bundle/manifest';
import type { BundleStore } from './bundle-archive-store';
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
): Promise<ModelSummaryOutput & { bytes: number }> {
  const label = store.label(model.path);
  const identity = (await store.identity?.(model.path)) ?? null;
  const key = identity === null ? null : `model-summary|${identity}`;
  throwIfRemembered(key);
  const maxBytes = budget.maxBytes ?? MAX_PARSED_MODEL_BYTES;
  const time = budget.timeBudgetMs !== undefined ? { timeBudgetMs: budget.timeBudgetMs } : {};
  const bytes = await readModelBytes(store, model.path, `Model '${model.id}'`, { maxBytes, ...time });
  return withFailureMemo(key, async () => {
    if (bytes.byteLength > maxBytes) throw new PruneLensError('bad-data', `${label}: the model is ${bytes.byteLength} bytes, over the ${maxBytes}-byte budget.`, { file: label });
    const overrides = { ...(model.featureTensor ? { featureTensor: model.featureTensor } : {}), ...(model.logitsTensor ? { logitsTensor: model.logitsTensor } : {}) };
    const size = bytes.byteLength;
    const output = await summarizeModelOffThread({ input: bytes, overrides, fileLabel: label, ...time });
    return { ...output, bytes: size };
  });
}
