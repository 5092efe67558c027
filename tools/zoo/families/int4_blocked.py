"""Family 'int4_blocked': weight-only int4 quantisation (opset 21), as LLM-style exporters write
it: the Linear layers' weights are int4, dequantized with one scale per block of 4 input weights
(DequantizeLinear block_size=4, axis=1), the Conv's weights uint4 per output channel with a zero
point; activations stay float. Built with onnx.helper (int4 tensors packed by hand: onnx 1.12
predates them). NumPy/PyTorch reference on the dequantized weights.

    /usr/bin/python3 tools/zoo/families/int4_blocked.py
"""
import numpy as np
import torch
from onnx import TensorProto, helper, numpy_helper

from family_common import CLASSES, LinearClassifier, make_data, preprocess, seed, spread_linear, write_family

INT4, UINT4, BLOCK = 22, 21, 4


def packed(name, values, data_type):
    """An int4/uint4 TensorProto: two values per byte, low nibble first."""
    flat = (np.asarray(values).astype(np.int64).flatten() & 0xF).astype(np.uint8)
    if flat.size % 2:
        flat = np.append(flat, 0)
    t = TensorProto()
    t.name, t.data_type = name, data_type
    t.dims.extend(np.asarray(values).shape)
    t.raw_data = (flat[0::2] | (flat[1::2] << 4)).astype(np.uint8).tobytes()
    return t


def blocked_int4(w):
    """Symmetric int4 per block of BLOCK along axis 1: (q, scales) with w ~ q * scale."""
    blocks = w.reshape(w.shape[0], -1, BLOCK)
    scales = (np.abs(blocks).max(2) / 7).astype(np.float32) + np.float32(1e-8)
    q = np.clip(np.rint(blocks / scales[:, :, None]), -8, 7).astype(np.int8).reshape(w.shape)
    return q, scales


def main():
    rng = seed(11)
    images, labels = make_data(rng)
    x = torch.from_numpy(preprocess(images))
    net = LinearClassifier().eval()
    spread_linear(net, x, labels)
    sd = {k: v.detach().numpy().astype(np.float32) for k, v in net.state_dict().items()}
    conv_w = sd['features.conv.weight']
    conv_s = (np.ptp(conv_w.reshape(6, -1), 1) / 15).astype(np.float32)
    conv_z = np.clip(np.rint(-conv_w.reshape(6, -1).min(1) / conv_s), 0, 15).astype(np.uint8)
    conv_q = np.clip(np.rint(conv_w / conv_s[:, None, None, None]) + conv_z[:, None, None, None], 0, 15).astype(np.uint8)
    fc_q, fc_s = blocked_int4(sd['features.fc.weight'])
    head_q, head_s = blocked_int4(sd['head.weight'])
    # Reference: the float model with the dequantized weights.
    with torch.no_grad():
        net.features.conv.weight.copy_(torch.from_numpy((conv_q.astype(np.float32) - conv_z[:, None, None, None]) * conv_s[:, None, None, None]))
        net.features.fc.weight.copy_(torch.from_numpy(fc_q.astype(np.float32) * np.repeat(fc_s, BLOCK, axis=1)))
        net.head.weight.copy_(torch.from_numpy(head_q.astype(np.float32) * np.repeat(head_s, BLOCK, axis=1)))
        logits = net(x).numpy()
        head_w = net.head.weight.numpy().flatten().tolist()
    n = helper.make_node
    inits = [
        packed('conv_q', conv_q, UINT4), numpy_helper.from_array(conv_s, 'conv_s'), packed('conv_z', conv_z, UINT4),
        numpy_helper.from_array(sd['features.conv.bias'], 'conv_b'),
        packed('fc_q', fc_q, INT4), numpy_helper.from_array(fc_s, 'fc_s'), numpy_helper.from_array(sd['features.fc.bias'], 'fc_b'),
        packed('head_q', head_q, INT4), numpy_helper.from_array(head_s, 'head_s'), numpy_helper.from_array(sd['head.bias'], 'head_b'),
    ]
    nodes = [
        n('DequantizeLinear', ['conv_q', 'conv_s', 'conv_z'], ['conv_w'], axis=0),
        n('Conv', ['input', 'conv_w', 'conv_b'], ['conv_out'], name='conv', pads=[1, 1, 1, 1]),
        n('Relu', ['conv_out'], ['relu1']), n('AveragePool', ['relu1'], ['pooled'], kernel_shape=[4, 4], strides=[4, 4]),
        n('Flatten', ['pooled'], ['flat'], axis=1),
        n('DequantizeLinear', ['fc_q', 'fc_s'], ['fc_w'], axis=1, block_size=BLOCK),
        n('Gemm', ['flat', 'fc_w', 'fc_b'], ['fc_out'], name='fc', transB=1), n('Relu', ['fc_out'], ['features']),
        n('DequantizeLinear', ['head_q', 'head_s'], ['head_w'], axis=1, block_size=BLOCK),
        n('Gemm', ['features', 'head_w', 'head_b'], ['logits'], name='head', transB=1),
    ]
    graph = helper.make_graph(nodes, 'int4_blocked', [helper.make_tensor_value_info('input', TensorProto.FLOAT, ['batch', 1, 8, 8])],
                              [helper.make_tensor_value_info('logits', TensorProto.FLOAT, ['batch', CLASSES])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 21)], producer_name='prunelens-families')
    model.ir_version = 10
    write_family('int4_blocked', model, images, labels, logits, {'form': 'gemm', 'featureDim': 12, 'tolerance': 1e-4,
                                                               'headWeights': head_w, 'headBias': sd['head.bias'].tolist()})


if __name__ == '__main__':
    main()
