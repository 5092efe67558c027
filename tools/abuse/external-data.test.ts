// Models with ONNX external data are decoded, listed and re-encoded in the unpack worker: a bundle
// whose model keeps 200 MiB of weights in a data file opens while a probe's timers stay on time;
// one whose data file is huge (a 3 GiB sparse file) or lies about its length is refused with a
// clear message before anything is read, and the failure is remembered per identity of the model
// and its data file (a fixed data file is tried again).
import { truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadBundle } from '../../electron/engine/bundle/bundle-loader';
import { forgetFailures } from '../../electron/engine/unpack/failure-memo';
import { decodeOnnxModel, onnxSchema } from '../../src-shared/onnx/decode-model';
import { makeTestBundle, tempDir } from '../fixtures/formats/make-test-bundle';
import { maxEventLoopDelay } from './bombs';
import { paddedClassifierGraph } from './padded-classifier';

const PADDING = 50 * 1024 * 1024; // floats: 200 MiB in the external data file
const GiB = 1024 ** 3;

/** input[N,1,8,8] → Flatten → Gemm → Relu ("features") → Gemm → logits[N,3]; `padding` (PADDING floats) kept in weights.bin with `length`. */
function modelWithExternalPadding(length: string): Uint8Array {
  const model = decodeOnnxModel(paddedClassifierGraph([1], [0]).encode());
  const padding = model.graph!.initializer!.find((t) => t.name === 'padding')!;
  padding.dims = [PADDING];
  padding.rawData = new Uint8Array(0);
  padding.dataLocation = 1;
  padding.externalData = [{ key: 'location', value: 'weights.bin' }, { key: 'offset', value: '0' }, { key: 'length', value: length }];
  return onnxSchema.ModelProto.encode(model).finish();
}

function bundle(length: string): string {
  const dir = tempDir('prunelens-external-abuse-');
  makeTestBundle(dir, { n: 4, models: [{ id: 'dense', file: 'cnn_dense', role: 'dense' }] });
  writeFileSync(path.join(dir, 'models', 'dense.onnx'), modelWithExternalPadding(length));
  return dir;
}

beforeEach(() => forgetFailures());

describe('external data off the event loop', () => {
  it('opens a model with 200 MiB of external weights while a probe\'s event-loop delay stays under 250 ms', async () => {
    const dir = bundle(String(4 * PADDING));
    writeFileSync(path.join(dir, 'models', 'weights.bin'), new Uint8Array(new Float32Array(PADDING).fill(1).buffer));
    const { result, error, maxDelayMs } = await maxEventLoopDelay(() => loadBundle(dir));
    expect(error).toBeUndefined();
    const model = result!.summary.models[0];
    expect(model.error).toBeUndefined();
    expect(model.card!.parameterCount).toBe(PADDING + 256 + 4 + 12 + 3);
    expect(model.card!.fileBytes).toBeGreaterThan(4 * PADDING);
    expect(maxDelayMs).toBeLessThan(250);
    await result!.store.close();
  }, 120_000);

  it('refuses a model whose external data file is huge before reading it, remembers that, and retries a fixed data file', async () => {
    const dir = bundle('');
    const weights = path.join(dir, 'models', 'weights.bin');
    writeFileSync(weights, '');
    truncateSync(weights, 3 * GiB); // sparse: 3 GiB that take no disk
    const first = await maxEventLoopDelay(() => loadBundle(dir));
    expect(first.maxDelayMs).toBeLessThan(250);
    const refused = first.result!.summary.models[0];
    expect(refused.card).toBeUndefined();
    expect(refused.error).toMatchObject({ code: 'bad-data', message: /dense\.onnx: the model with its external data would be \d+ bytes, over the 2147483647-byte budget \(refused before reading it\)/ });
    await first.result!.store.close();

    const started = performance.now();
    const again = await loadBundle(dir);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(again.summary.models[0].error).toMatchObject({ code: 'bad-data', details: { remembered: 1 } });
    await again.store.close();

    // The data file fixed (a new identity): the model is read again and opens.
    writeFileSync(weights, new Uint8Array(new Float32Array(PADDING).fill(1).buffer));
    utimesSync(weights, new Date(), new Date(Date.now() + 5000));
    const fixed = await loadBundle(dir);
    expect(fixed.summary.models[0].error).toBeUndefined();
    expect(fixed.summary.models[0].card!.parameterCount).toBe(PADDING + 256 + 4 + 12 + 3);
    await fixed.store.close();
  }, 120_000);

  it('refuses a tensor that claims more bytes than its data file holds, naming the tensor and the file', async () => {
    const dir = bundle(String(1.5 * GiB));
    writeFileSync(path.join(dir, 'models', 'weights.bin'), new Uint8Array(1024));
    const { result, maxDelayMs } = await maxEventLoopDelay(() => loadBundle(dir));
    expect(maxDelayMs).toBeLessThan(250);
    expect(result!.summary.models[0].error).toMatchObject({ code: 'bad-onnx', message: /tensor 'padding' needs bytes 0–1610612736 of 'models\/weights\.bin', which has 1024/ });
    await result!.store.close();
  }, 60_000);
});
