// The abuse suites' model: input[N,1,8,8] → Flatten → Gemm → Relu ("features") → Gemm → logits[N,3],
// plus an unused float initializer "padding" that makes it as large as a test needs (kept inline,
// or moved to an external data file by the caller).
import { OnnxGraph } from '../testing/onnx-graph';

export function paddedClassifierGraph(paddingDims: number[], paddingValues: ArrayLike<number>): OnnxGraph {
  const g = new OnnxGraph(13);
  const x = g.input('input', ['batch', 1, 8, 8]);
  const flat = g.node('Flatten', [x]);
  const hidden = g.node('Gemm', [flat, g.init('W1', [4, 64], new Float32Array(256).fill(0.01)), g.init('b1', [4], [0, 0, 0, 0])], { transB: 1 });
  const features = g.node('Relu', [hidden], {}, { outputs: ['features'] });
  g.node('Gemm', [features, g.init('W2', [3, 4], new Float32Array(12).fill(0.5)), g.init('b2', [3], [0, 0, 0])], { transB: 1 }, { outputs: ['logits'] });
  g.init('padding', paddingDims, paddingValues);
  g.output('logits', ['batch', 3]);
  return g;
}
