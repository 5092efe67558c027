// ONNX models are parsed off the event loop: opening a bundle whose model holds 200 MB of
// initializers leaves a probe's timers on time, and a model over its byte or time budget is
// refused and remembered per file (refused at once the next time).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { analyzeBundleModel, loadBundle } from '../../electron/engine/bundle/bundle-loader';
import { folderStore } from '../../electron/engine/bundle/bundle-archive-store';
import { summarizeBundleModel } from '../../electron/engine/bundle/model-summary';
import { forgetFailures } from '../../electron/engine/unpack/failure-memo';
import { makeTestBundle, tempDir } from '../fixtures/formats/make-test-bundle';
import { filesBelow } from '../testing/files-below';
import { maxEventLoopDelay } from './bombs';
import { paddedClassifierGraph } from './padded-classifier';

const PADDING = 50 * 1024 * 1024; // floats: 200 MiB of initializer

/** input[N,1,8,8] → Flatten → Gemm → Relu ("features") → Gemm → logits[N,3], plus an unused 200 MiB initializer. */
function largeModel(): Uint8Array {
  return paddedClassifierGraph([PADDING], new Float32Array(PADDING).fill(1)).encode();
}

function bundleWithLargeModel(): string {
  const dir = tempDir('prunelens-large-model-');
  makeTestBundle(dir, { n: 4, models: [{ id: 'dense', file: 'cnn_dense', role: 'dense' }] });
  writeFileSync(path.join(dir, 'models', 'dense.onnx'), largeModel());
  return dir;
}

beforeEach(() => forgetFailures());

describe('model parsing off the event loop', () => {
  it('opens a bundle with a 200 MB model while a probe\'s event-loop delay stays under 250 ms', async () => {
    const dir = bundleWithLargeModel();
    const { result, error, maxDelayMs } = await maxEventLoopDelay(() => loadBundle(dir));
    expect(error).toBeUndefined();
    const card = result!.summary.models[0].card!;
    expect(card.parameterCount).toBe(PADDING + 256 + 4 + 12 + 3);
    expect(card.fileBytes).toBeGreaterThan(4 * PADDING);
    expect(maxDelayMs).toBeLessThan(250);
    await result!.store.close();
    // The same parse on the event loop (what opening a bundle used to do) blocks it far longer than the worker path.
    const inline = await maxEventLoopDelay(() => analyzeBundleModel(folderStore(dir), { id: 'dense', path: 'models/dense.onnx', role: 'dense', method: 'Dense' } as never));
    expect(inline.error).toBeUndefined();
    expect(inline.maxDelayMs).toBeGreaterThan(maxDelayMs);
  }, 120_000);

  it('opens it with the model-analysis cache (a miss that writes the card, then a hit) with the event loop free', async () => {
    const dir = bundleWithLargeModel();
    const cacheRoot = tempDir('prunelens-large-model-cache-');
    for (const pass of ['miss', 'hit']) {
      const { result, error, maxDelayMs } = await maxEventLoopDelay(() => loadBundle(dir, cacheRoot));
      expect(error, pass).toBeUndefined();
      expect(result!.summary.models[0].card!.parameterCount, pass).toBe(PADDING + 256 + 4 + 12 + 3);
      expect(maxDelayMs, pass).toBeLessThan(250);
      await result!.store.close();
    }
    expect(filesBelow(cacheRoot, '.card')).toHaveLength(1);
  }, 120_000);

  it('refuses a model over its time budget, stops the worker, and refuses the same file at once the next time', async () => {
    const dir = bundleWithLargeModel();
    const model = { id: 'dense', path: 'models/dense.onnx', role: 'dense' as const, method: 'Dense' };
    const store = folderStore(dir);
    await expect(summarizeBundleModel(store, model as never, { timeBudgetMs: 1 })).rejects.toMatchObject({ code: 'bad-data', message: /parsing the model took longer than its 0\.001-second budget/ });
    const started = performance.now();
    await expect(summarizeBundleModel(store, model as never)).rejects.toMatchObject({ code: 'bad-data', details: { remembered: 1 } });
    expect(performance.now() - started).toBeLessThan(100);
  }, 120_000);

  it('refuses a model over its byte budget without parsing it, and remembers that', async () => {
    const dir = tempDir('prunelens-small-model-');
    makeTestBundle(dir, { n: 4, models: [{ id: 'dense', file: 'cnn_dense', role: 'dense' }] });
    const model = { id: 'dense', path: 'models/dense.onnx', role: 'dense', method: 'Dense' } as never;
    await expect(summarizeBundleModel(folderStore(dir), model, { maxBytes: 100 })).rejects.toMatchObject({ code: 'bad-data', message: /over the 100-byte budget/ });
    await expect(summarizeBundleModel(folderStore(dir), model)).rejects.toMatchObject({ details: { remembered: 1 } });
    // A file that changed gets a fresh try.
    writeFileSync(path.join(dir, 'models', 'dense.onnx'), largeModel().subarray(0, 0));
    await expect(summarizeBundleModel(folderStore(dir), model)).rejects.not.toMatchObject({ details: { remembered: 1 } });
  });
});
