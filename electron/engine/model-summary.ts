// A bundle model's card and layer statistics for opening a bundle, computed off the event loop:
// the untrusted ONNX bytes are decoded and analysed in the unpack worker pool, within a byte and
// a time budget, and a model that failed (`bad-data`: over a budget) is refused at once the next
// time its file (same identity) is opened.
import { PruneLensError } from '../../src-shared/api/errors';
import type { BundleManifest } from '../../src-shared/bundle/manifest';
import type { BundleStore } from './bundle-archive-store';
import { readModelBytes } from './model-bytes';
import { withFailureMemo } from './unpack/failure-memo';
import { summarizeModelOffThread } from './unpack/unpack-pool';
import type { ModelSummaryOutput } from './unpack/unpack-protocol';

/** Largest model (external data inlined) a bundle may hold: above it the model is refused unparsed. */
export const MAX_PARSED_MODEL_BYTES = 2 * 1024 ** 3 - 1;

export async function summarizeBundleModel(
  store: BundleStore,
  model: BundleManifest['models'][number],
  budget: { maxBytes?: number; timeBudgetMs?: number } = {},
): Promise<ModelSummaryOutput & { bytes: number }> {
  const label = store.label(model.path);
  const identity = (await store.identity?.(model.path)) ?? null;
  return withFailureMemo(identity === null ? null : `model-summary|${identity}`, async () => {
    const bytes = await readModelBytes(store, model.path, `Model '${model.id}'`);
    const maxBytes = budget.maxBytes ?? MAX_PARSED_MODEL_BYTES;
    if (bytes.byteLength > maxBytes) throw new PruneLensError('bad-data', `${label}: the model is ${bytes.byteLength} bytes, over the ${maxBytes}-byte budget.`, { file: label });
    const overrides = { ...(model.featureTensor ? { featureTensor: model.featureTensor } : {}), ...(model.logitsTensor ? { logitsTensor: model.logitsTensor } : {}) };
    const size = bytes.byteLength;
    const output = await summarizeModelOffThread({ input: bytes, overrides, fileLabel: label, ...(budget.timeBudgetMs !== undefined ? { timeBudgetMs: budget.timeBudgetMs } : {}) });
    return { ...output, bytes: size };
  });
}
