"""Family 'head_tail_qdq': the plain CNN whose Gemm head is followed by QuantizeLinear ->
DequantizeLinear (uint8 logits) -> Softmax -> Cast, the graph output being the probabilities.
PruneLens must find the Gemm and use its float output as the logits. PyTorch reference (the
float logits before quantisation).

    /usr/bin/python3 tools/zoo/families/head_tail_qdq.py
"""
import numpy as np
import torch
from onnx import TensorProto, helper, numpy_helper

from family_common import LinearClassifier, export, make_data, preprocess, seed, spread_linear, write_family


def main():
    rng = seed(8)
    images, labels = make_data(rng)
    x = torch.from_numpy(preprocess(images))
    net = LinearClassifier().eval()
    logits = spread_linear(net, x, labels)
    model = export(net, x)
    graph = model.graph
    scale = float(np.abs(logits).max() / 100)
    graph.initializer.extend([numpy_helper.from_array(np.array(scale, np.float32), 'logits_scale'),
                              numpy_helper.from_array(np.array(128, np.uint8), 'logits_zero')])
    graph.node.extend([
        helper.make_node('QuantizeLinear', ['logits', 'logits_scale', 'logits_zero'], ['logits_q'], name='quant_logits'),
        helper.make_node('DequantizeLinear', ['logits_q', 'logits_scale', 'logits_zero'], ['logits_dq'], name='dequant_logits'),
        helper.make_node('Softmax', ['logits_dq'], ['probs_raw'], name='softmax', axis=1),
        helper.make_node('Cast', ['probs_raw'], ['probs'], name='cast', to=TensorProto.FLOAT),
    ])
    del graph.output[:]
    graph.output.append(helper.make_tensor_value_info('probs', TensorProto.FLOAT, ['batch', 4]))
    write_family('head_tail_qdq', model, images, labels, logits, {'form': 'gemm', 'featureDim': 12, 'tolerance': 1e-4})


if __name__ == '__main__':
    main()
