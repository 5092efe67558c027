"""Family 'int8_qdq': a QDQ-quantised CNN built with onnx.helper (as onnxruntime's quantizer
writes it): uint8 activations (QuantizeLinear -> DequantizeLinear), the Conv's int8 weights
quantised per output channel (axis 0) with an int32 per-channel bias, the Gemm head's int8
weights per tensor with an int32 bias, and uint8 Q/DQ on the logits. Every weight reaches its
layer only through DequantizeLinear. NumPy reference (fake quantisation, round half to even),
with the float conv from PyTorch; the reference logits are the head's float output.

    /usr/bin/python3 tools/zoo/families/int8_qdq.py
"""
import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

from family_common import CLASSES, OPSET, LinearClassifier, make_data, preprocess, seed, spread_head, write_family


def quantize(x, scale, zero, lo, hi):
    return np.clip(np.rint(x / scale) + zero, lo, hi)


def fake_quant_u8(x, scale, zero):
    return ((quantize(x, np.float32(scale), zero, 0, 255) - zero) * np.float32(scale)).astype(np.float32)


def main():
    rng = seed(9)
    images, labels = make_data(rng)
    x = preprocess(images)
    # A float model to quantise: conv 1->6 (3x3), ReLU, global average pool, Gemm 6 -> 4.
    net = LinearClassifier().eval()
    conv_w = net.features.conv.weight.detach().numpy().astype(np.float32)
    conv_b = net.features.conv.bias.detach().numpy().astype(np.float32)
    conv = torch.nn.functional.conv2d
    with torch.no_grad():
        feats_float = torch.relu(conv(torch.from_numpy(x), torch.from_numpy(conv_w), torch.from_numpy(conv_b), padding=1)).mean((2, 3))
        head = torch.nn.Linear(6, CLASSES)
        head.weight.mul_(3)
        spread_head(head.weight, head.bias, feats_float, torch.from_numpy(labels))
    head_w = head.weight.detach().numpy().astype(np.float32)
    head_b = head.bias.detach().numpy().astype(np.float32)

    # Quantisation parameters.
    s_in, z_in = np.float32(8.0 / 255), np.uint8(128)
    s_cw = (np.abs(conv_w).reshape(6, -1).max(1) / 127).astype(np.float32)
    q_cw = np.clip(np.rint(conv_w / s_cw[:, None, None, None]), -127, 127).astype(np.int8)
    q_cb = np.rint(conv_b / (s_in * s_cw)).astype(np.int32)
    s_f = np.float32(float(feats_float.max()) * 1.2 / 255)
    z_f = np.uint8(0)
    s_hw = np.float32(np.abs(head_w).max() / 127)
    q_hw = np.clip(np.rint(head_w / s_hw), -127, 127).astype(np.int8)
    q_hb = np.rint(head_b / (s_f * s_hw)).astype(np.int32)

    # NumPy / PyTorch reference of exactly this graph.
    xq = fake_quant_u8(x, s_in, float(z_in))
    cw = (q_cw.astype(np.float32) * s_cw[:, None, None, None]).astype(np.float32)
    cb = (q_cb.astype(np.float32) * (s_in * s_cw)).astype(np.float32)
    with torch.no_grad():
        h = torch.relu(conv(torch.from_numpy(xq), torch.from_numpy(cw), torch.from_numpy(cb), padding=1)).mean((2, 3)).numpy()
    fq = fake_quant_u8(h, s_f, float(z_f))
    hw = (q_hw.astype(np.float32) * s_hw).astype(np.float32)
    hb = (q_hb.astype(np.float32) * (s_f * s_hw)).astype(np.float32)
    logits = fq @ hw.T + hb
    s_out = np.float32(np.abs(logits).max() / 100)

    inits = [numpy_helper.from_array(np.asarray(v), n) for n, v in [
        ('s_in', s_in), ('z_in', z_in), ('conv_w_q', q_cw), ('conv_w_s', s_cw), ('conv_w_z', np.zeros(6, np.int8)),
        ('conv_b_q', q_cb), ('conv_b_s', (s_in * s_cw).astype(np.float32)), ('conv_b_z', np.zeros(6, np.int32)),
        ('s_f', s_f), ('z_f', z_f), ('head_w_q', q_hw), ('head_w_s', s_hw), ('head_w_z', np.int8(0)),
        ('head_b_q', q_hb), ('head_b_s', np.float32(s_f * s_hw)), ('s_out', s_out), ('z_out', np.uint8(128)),
    ]]
    n = helper.make_node
    nodes = [
        n('QuantizeLinear', ['input', 's_in', 'z_in'], ['input_q']), n('DequantizeLinear', ['input_q', 's_in', 'z_in'], ['input_dq']),
        n('DequantizeLinear', ['conv_w_q', 'conv_w_s', 'conv_w_z'], ['conv_w'], axis=0),
        n('DequantizeLinear', ['conv_b_q', 'conv_b_s', 'conv_b_z'], ['conv_b'], axis=0),
        n('Conv', ['input_dq', 'conv_w', 'conv_b'], ['conv_out'], name='conv', pads=[1, 1, 1, 1]),
        n('Relu', ['conv_out'], ['relu_out']), n('GlobalAveragePool', ['relu_out'], ['pooled']),
        n('Flatten', ['pooled'], ['flat'], axis=1),
        n('QuantizeLinear', ['flat', 's_f', 'z_f'], ['flat_q']), n('DequantizeLinear', ['flat_q', 's_f', 'z_f'], ['features']),
        n('DequantizeLinear', ['head_w_q', 'head_w_s', 'head_w_z'], ['head_w']),
        n('DequantizeLinear', ['head_b_q', 'head_b_s'], ['head_b']),
        n('Gemm', ['features', 'head_w', 'head_b'], ['head_out'], name='head', transB=1),
        n('QuantizeLinear', ['head_out', 's_out', 'z_out'], ['logits_q']), n('DequantizeLinear', ['logits_q', 's_out', 'z_out'], ['logits']),
    ]
    graph = helper.make_graph(nodes, 'int8_qdq', [helper.make_tensor_value_info('input', TensorProto.FLOAT, ['batch', 1, 8, 8])],
                              [helper.make_tensor_value_info('logits', TensorProto.FLOAT, ['batch', CLASSES])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', OPSET)], producer_name='prunelens-families')
    onnx.checker.check_model(model)
    # A feature that lands on a rounding boundary may round the other way in onnxruntime: allow one
    # quantisation step of one feature times the largest weight, per logit.
    tolerance = float(s_f * np.abs(hw).max() * 1.01)
    write_family('int8_qdq', model, images, labels, logits, {'form': 'gemm', 'featureDim': 6, 'tolerance': tolerance,
                                                           'headWeights': hw.flatten().tolist(), 'headBias': hb.tolist()})


if __name__ == '__main__':
    main()
