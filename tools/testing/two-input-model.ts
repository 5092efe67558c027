// A model with an input beside the image (x[N,1,4,4] and mask[N,3]) that onnxruntime runs when both
// are fed by name: what the image input adapter must refuse up front, naming both inputs.
import { OnnxGraph, seededValues } from './onnx-graph';

/** x[N,1,4,4] and mask[N,3] → features = Relu(Flatten(x)·W1ᵀ + mask·Wm) → logits = Gemm(features), 3 classes. */
export function twoInputModel(): Uint8Array {
  const g = new OnnxGraph();
  g.input('x', ['N', 1, 4, 4]);
  g.input('mask', ['N', 3]);
  const flat = g.node('Flatten', ['x'], { axis: 1 });
  const hidden = g.node('Gemm', [flat, g.init('W1', [6, 16], seededValues(96, 1)), g.init('b1', [6], seededValues(6, 2))], { transB: 1 });
  const fromMask = g.node('MatMul', ['mask', g.init('Wm', [3, 6], seededValues(18, 3))]);
  const features = g.node('Relu', [g.node('Add', [hidden, fromMask])], {}, { outputs: ['features'] });
  g.node('Gemm', [features, g.init('W2', [3, 6], seededValues(18, 4)), g.init('b2', [3], seededValues(3, 5))], { transB: 1 }, { name: 'head', outputs: ['logits'] });
  g.output('logits', ['N', 3]);
  return g.encode();
}
