"""Families 'qlinear_matmul_head', 'qgemm_head' and 'qlinear_conv_head': integer-only (QOperator)
classifier heads after a float backbone, as onnxruntime's QOperator quantiser writes them:
QuantizeLinear(features) -> QLinearMatMul / QGemm (com.microsoft, transB, int32 bias) / 1x1
QLinearConv (per-channel int8 weights, int32 bias, on the features as N x 12 x 1 x 1) ->
DequantizeLinear (-> Flatten). uint8 activations, int8 weights. PruneLens must dequantize W and b,
take the logits after the DequantizeLinear and the features as the head's input dequantized.
Reference: PyTorch backbone, then the integer head in NumPy (round half to even, saturation).

    /usr/bin/python3 tools/zoo/families/qoperator_head.py
"""
import numpy as np
import torch
from onnx import TensorProto, helper, numpy_helper

from family_common import CLASSES, LinearClassifier, export, make_data, preprocess, seed, spread_linear, write_family


def quantize(values, scale, zero, lo, hi):
    return np.clip(np.round(values / scale) + zero, lo, hi)  # np.round rounds half to even, as ONNX does


def build(name, op, value):
    rng = seed(value)
    images, labels = make_data(rng)
    x = torch.from_numpy(preprocess(images))
    net = LinearClassifier().eval()
    spread_linear(net, x, labels)
    with torch.no_grad():
        features = net.features(x).numpy().astype(np.float64)
    weight = net.head.weight.detach().numpy().astype(np.float64)  # C x d
    bias = net.head.bias.detach().numpy().astype(np.float64)
    # Activations: uint8, zero point 0 (ReLU features). Weights: int8 symmetric, per channel for the Conv.
    a_scale = np.float32(features.max() / 255)
    w_scale = (np.abs(weight).max(1) / 127 if op == 'QLinearConv' else np.full(CLASSES, np.abs(weight).max() / 127)).astype(np.float32)
    w_q = quantize(weight, w_scale[:, None].astype(np.float64), 0, -127, 127).astype(np.int8)
    b_q = np.round(bias / (np.float64(a_scale) * w_scale)).astype(np.int32) if op != 'QLinearMatMul' else np.zeros(CLASSES, np.int32)
    a_q = quantize(features, np.float64(a_scale), 0, 0, 255)
    acc = a_q @ w_q.astype(np.float64).T + b_q  # exact integers
    real = acc * (np.float64(a_scale) * w_scale.astype(np.float64))
    lo, hi = real.min() * 1.2, real.max() * 1.2
    y_scale = np.float32((hi - lo) / 255)
    y_zero = np.uint8(np.round(-lo / y_scale))
    y_q = quantize(real, np.float64(y_scale), float(y_zero), 0, 255)
    logits = ((y_q - float(y_zero)) * np.float64(y_scale)).astype(np.float32)

    model = export(net.features, x)
    graph = model.graph
    graph.output[0].name = 'features'
    for node in graph.node:
        node.output[:] = ['features' if o == 'logits' else o for o in node.output]
    t = lambda n, v, dt: numpy_helper.from_array(np.asarray(v, dt), n)
    per_tensor = op != 'QLinearConv'
    graph.initializer.extend([
        t('a_scale', a_scale, np.float32), t('a_zero', 0, np.uint8),
        t('w_scale', w_scale[0] if per_tensor else w_scale, np.float32),
        t('w_zero', 0 if per_tensor else np.zeros(CLASSES), np.int8),
        t('y_scale', y_scale, np.float32), t('y_zero', y_zero, np.uint8), t('bias_q', b_q, np.int32),
    ])
    source = 'features'
    if op == 'QLinearConv':
        graph.initializer.append(t('axes', [2, 3], np.int64))
        graph.node.append(helper.make_node('Unsqueeze', ['features', 'axes'], ['features_map']))
        source = 'features_map'
    graph.node.append(helper.make_node('QuantizeLinear', [source, 'a_scale', 'a_zero'], ['features_q'], name='quantize_features'))
    head_in = ['features_q', 'a_scale', 'a_zero', 'w_q', 'w_scale', 'w_zero']
    if op == 'QLinearMatMul':
        graph.initializer.append(t('w_q', w_q.T, np.int8))  # d x C
        graph.node.append(helper.make_node('QLinearMatMul', head_in + ['y_scale', 'y_zero'], ['logits_q'], name='fc'))
    elif op == 'QGemm':
        graph.initializer.append(t('w_q', w_q, np.int8))  # C x d, transB
        graph.node.append(helper.make_node('QGemm', head_in + ['bias_q', 'y_scale', 'y_zero'], ['logits_q'], name='fc', domain='com.microsoft', transB=1))
        model.opset_import.append(helper.make_opsetid('com.microsoft', 1))
    else:
        graph.initializer.append(t('w_q', w_q[:, :, None, None], np.int8))  # C x d x 1 x 1
        graph.node.append(helper.make_node('QLinearConv', head_in + ['y_scale', 'y_zero', 'bias_q'], ['logits_q'], name='fc'))
    final = 'logits' if op != 'QLinearConv' else 'logits_map'
    graph.node.append(helper.make_node('DequantizeLinear', ['logits_q', 'y_scale', 'y_zero'], [final], name='dequantize_logits'))
    if op == 'QLinearConv':
        graph.node.append(helper.make_node('Flatten', ['logits_map'], ['logits']))
    del graph.output[:]
    graph.output.append(helper.make_tensor_value_info('logits', TensorProto.FLOAT, ['batch', CLASSES]))
    form = {'QLinearMatMul': 'matmul', 'QGemm': 'gemm', 'QLinearConv': 'conv1x1'}[op]
    # Logits agree with the reference to one output step (onnxruntime requantises in float32).
    # The dequantized head PruneLens must find: W = w_q · w_scale, b = b_q · a_scale · w_scale.
    head_w = (w_q.astype(np.float64) * w_scale[:, None]).astype(np.float32)
    head_b = (b_q * np.float64(a_scale) * w_scale).astype(np.float32)
    write_family(name, model, images, labels, logits, {'form': form, 'featureDim': 12, 'tolerance': float(y_scale),
                                                       'headWeights': head_w.ravel().tolist(), 'headBias': head_b.tolist()})


def main():
    build('qlinear_matmul_head', 'QLinearMatMul', 21)
    build('qgemm_head', 'QGemm', 22)
    build('qlinear_conv_head', 'QLinearConv', 23)


if __name__ == '__main__':
    main()
