// One inference batch through an onnxruntime session: fed in the model's input type, outputs
// decoded to float32, and split into runs of the model's fixed batch size when it has one (the
// last run zero-padded, its padding dropped), so a model exported with batch 1 runs as it is.
import type * as ort from 'onnxruntime-node';
import { PruneLensError } from '../../../src-shared/base/errors';
import { decodeOutput, inputTensor } from '../extraction/ort-io';
import type { RuntimeFloatType } from '../extraction/ort-io';

export interface BatchRun {
  inputName: string;
  inputType: RuntimeFloatType;
  /** [n, …] of `input`. */
  inputDims: number[];
  logitsName: string;
  featuresName: string;
  /** The model's fixed batch size (its input's first dimension), if it has one. */
  fixedBatch?: number;
}

async function runOnce(session: ort.InferenceSession, run: BatchRun, input: Float32Array, dims: number[]) {
  let outputs;
  try {
    outputs = await session.run({ [run.inputName]: inputTensor(input, run.inputType, dims) }, [run.logitsName, run.featuresName]);
  } catch (error) {
    // onnxruntime's whole message: which node failed and why is the useful part.
    throw new PruneLensError('inference-failed', `onnxruntime failed to run the model: ${(error as Error).message.trim()}`);
  }
  return { logits: decodeOutput(outputs[run.logitsName], run.logitsName), features: decodeOutput(outputs[run.featuresName], run.featuresName) };
}

/** Logits and features (fresh float32 arrays) of the n samples in `input`. */
export async function runBatch(session: ort.InferenceSession, run: BatchRun, input: Float32Array): Promise<{ logits: Float32Array; features: Float32Array }> {
  const [n, ...rest] = run.inputDims;
  const fixed = run.fixedBatch;
  if (!fixed || fixed === n) return runOnce(session, run, input, run.inputDims);
  const per = input.length / n;
  const parts: { logits: Float32Array; features: Float32Array; count: number }[] = [];
  for (let start = 0; start < n; start += fixed) {
    const count = Math.min(fixed, n - start);
    const chunk = new Float32Array(fixed * per);
    chunk.set(input.subarray(start * per, (start + count) * per));
    const out = await runOnce(session, run, chunk, [fixed, ...rest]);
    parts.push({ ...out, count });
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
