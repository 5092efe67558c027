// One inference batch through an onnxruntime session: named feeds, each in the element type its
// input declares, outputs decoded to float32, and split into runs of the model's fixed batch size
// when it has one (the last run zero-padded, its padding dropped), so a model exported with batch 1
// runs as it is.
import type * as ort from 'onnxruntime-node';
import { PruneLensError } from '../../../src-shared/base/errors';
import { decodeOutput, inputTensor } from '../extraction/ort-io';
import type { Feeds } from '../inputs/input-adapter';

export interface BatchRun {
  logitsName: string;
  featuresName: string;
  /** The model's fixed batch size (its inputs' first dimension), if it has one. */
  fixedBatch?: number;
}

async function runOnce(session: ort.InferenceSession, run: BatchRun, feeds: Feeds) {
  const tensors: Record<string, ort.Tensor> = {};
  for (const [name, feed] of Object.entries(feeds)) tensors[name] = inputTensor(feed.data, feed.type, feed.dims);
  let outputs;
  try {
    outputs = await session.run(tensors, [run.logitsName, run.featuresName]);
  } catch (error) {
    // onnxruntime's whole message: which node failed and why is the useful part.
    throw new PruneLensError('inference-failed', `onnxruntime failed to run the model: ${(error as Error).message.trim()}`);
  }
  return { logits: decodeOutput(outputs[run.logitsName], run.logitsName), features: decodeOutput(outputs[run.featuresName], run.featuresName) };
}

/** Samples `start` … `start + count` of every feed, zero-padded to `size` samples. */
function chunk(feeds: Feeds, n: number, start: number, count: number, size: number): Feeds {
  const out: Feeds = {};
  for (const [name, feed] of Object.entries(feeds)) {
    const per = feed.data.length / n;
    const data = new Float32Array(size * per);
    data.set(feed.data.subarray(start * per, (start + count) * per));
    out[name] = { type: feed.type, dims: [size, ...feed.dims.slice(1)], data };
  }
  return out;
}

/** Logits and features (fresh float32 arrays) of the n samples the feeds hold. */
export async function runBatch(session: ort.InferenceSession, run: BatchRun, feeds: Feeds): Promise<{ logits: Float32Array; features: Float32Array }> {
  const sizes = new Set(Object.values(feeds).map((f) => f.dims[0]));
  if (sizes.size !== 1) throw new PruneLensError('internal', `Feeds ${Object.keys(feeds).join(', ')} disagree on the batch size (${[...sizes].join(', ')}).`);
  const [n] = sizes;
  const fixed = run.fixedBatch;
  if (!fixed || fixed === n) return runOnce(session, run, feeds);
  const parts: { logits: Float32Array; features: Float32Array; count: number }[] = [];
  for (let start = 0; start < n; start += fixed) {
    const count = Math.min(fixed, n - start);
    parts.push({ ...(await runOnce(session, run, chunk(feeds, n, start, count, fixed))), count });
  }
  const take = (key: 'logits' | 'features') => {
    const width = parts[0][key].length / fixed;
    const out = new Float32Array(n * width);
    let offset = 0;
    for (const p of parts) {
      out.set(p[key].subarray(0, p.count * width), offset);
      offset += p.count * width;
    }
    return out;
  };
  return { logits: take('logits'), features: take('features') };
}
