// Checks a surgically modified model end to end: one onnxruntime run on a small seeded random
// batch must return logits equal to W·f + b computed from the extracted head and features (to half
// a quantisation step, unsaturated, when an integer-only head's logits are dequantized integers).
import * as ort from 'onnxruntime-node';
import { PruneLensError } from '../../../src-shared/base/errors';
import type { ClassifierHead } from '../../../src-shared/onnx/classifier-head';
import type { GraphIndex } from '../../../src-shared/onnx/graph-index';
import { castBfloat16IoBytes } from '../../../src-shared/onnx/io-cast';
import { createRng } from '../../../src-shared/base/rng';
import { inputAdapters } from '../inputs/input-adapters';
import { decodeOutput, inputTensor } from './ort-io';

export interface HeadCheck {
  batch: number;
  maxAbsError: number;
  /** maxAbsError / max |logit|. */
  relativeError: number;
  ok: boolean;
  warning?: string;
}

export interface HeadCheckOptions {
  batch?: number;
  seed?: number;
  /** Relative tolerance (default 1e-3). */
  tolerance?: number;
  fileLabel?: string;
}

/**
 * Random feeds for every model input, by name, as its input adapter reads them (so an input no
 * adapter can feed is refused up front, named); fed in each declared type (bfloat16 is cast in the
 * graph); symbolic first axes become `batch`.
 */
export function randomFeeds(index: GraphIndex, batch: number, seed: number, fileLabel: string): Record<string, ort.Tensor> {
  const schema = inputAdapters.schemaFor(index.inputs, fileLabel);
  const rng = createRng(seed);
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of schema.inputs) {
    const dims = input.shape.map((d, i) => {
      if (typeof d === 'number' && d > 0) return d;
      if (i === 0) return batch;
      throw new PruneLensError('inference-failed', `${fileLabel}: input '${input.name}' has an unknown axis ${i}; cannot build a test batch.`, { file: fileLabel });
    });
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = rng.normal();
    feeds[input.name] = inputTensor(data, input.type, dims);
  }
  return feeds;
}

export async function verifyHead(modelBytes: Uint8Array, index: GraphIndex, head: ClassifierHead, options: HeadCheckOptions = {}): Promise<HeadCheck> {
  const { batch = 4, seed = 0, tolerance = 1e-3, fileLabel = 'model' } = options;
  const feeds = randomFeeds(index, batch, seed, fileLabel);
  let session: ort.InferenceSession | null = null;
  let results: ort.InferenceSession.OnnxValueMapType;
  try {
    session = await ort.InferenceSession.create(castBfloat16IoBytes(modelBytes, fileLabel));
    results = await session.run(feeds, [head.featureTensor, head.logitsTensor]);
  } catch (error) {
    throw new PruneLensError('inference-failed', `${fileLabel}: onnxruntime could not run the model: ${(error as Error).message}`, { file: fileLabel });
  } finally {
    await session?.release();
  }
  const features = decodeOutput(results[head.featureTensor] as ort.Tensor, head.featureTensor, fileLabel);
  const logits = decodeOutput(results[head.logitsTensor] as ort.Tensor, head.logitsTensor, fileLabel);
  const { featureDim: d, classes: C, weights, bias } = head;
  const n = logits.length / C;
  if (!Number.isInteger(n) || features.length !== n * d) {
    throw new PruneLensError('inference-failed', `${fileLabel}: got ${features.length} feature values and ${logits.length} logits for ${d}-d features and ${C} classes.`, { file: fileLabel });
  }
  let maxAbsError = 0;
  let maxLogit = 0;
  for (let s = 0; s < n; s++) {
    for (let c = 0; c < C; c++) {
      let z = bias[c];
      for (let j = 0; j < d; j++) z += weights[c * d + j] * (head.featuresTransposed ? features[j * n + s] : features[s * d + j]);
      const logit = logits[s * C + c];
      maxLogit = Math.max(maxLogit, Math.abs(logit));
      // Dequantized logits of an integer-only head: rounded to half a step, clipped at the range ends.
      const q = head.quantizedLogits;
      if (q && (logit <= q.min + q.step / 2 || logit >= q.max - q.step / 2)) continue;
      maxAbsError = Math.max(maxAbsError, Math.max(0, Math.abs(z - logit) - (q ? q.step / 2 : 0)));
    }
  }
  const relativeError = maxAbsError / Math.max(maxLogit, 1e-12);
  const ok = relativeError <= tolerance;
  return {
    batch: n,
    maxAbsError,
    relativeError,
    ok,
    ...(ok ? {} : { warning: `W·f + b differs from the model's logits by up to ${maxAbsError.toExponential(2)} (${(relativeError * 100).toFixed(3)}% of the largest logit): the detected head may be wrong; set featureTensor/logitsTensor in bundle.json.` }),
  };
}
