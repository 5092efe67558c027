"""float16 twin fixture: one small seeded CNN exported three times (float32; float16 weights + I/O;
float32 weights with bfloat16 I/O, cast at the edges as bfloat16 exports are), plus grey 8x8 test images, labels and the PyTorch float32 reference logits/features.

Used by electron/engine/extraction/float16-twin.test.ts: the float16 model must agree with its
float32 twin (predictions >= 97 %) and the float32 one with PyTorch. No training: the weights are
seeded random, the images carry a class-dependent pattern so the logits differ by class.

Run with Debian's stack (python3-torch 1.13, python3-onnx, python3-numpy):
    /usr/bin/python3 tools/zoo/families/float16_twin.py [--out tools/fixtures/float16-twin]
"""
import argparse
import io
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, numpy_helper

from family_common import CLASSES, make_data, preprocess

COUNT = 256


class SmallCnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 6, 3, padding=1)
        self.pool = torch.nn.AdaptiveAvgPool2d(2)
        self.fc = torch.nn.Linear(24, 12)
        self.head = torch.nn.Linear(12, CLASSES)

    def features(self, x):
        x = torch.relu(self.conv(x))
        return torch.relu(self.fc(torch.flatten(self.pool(x), 1)))

    def forward(self, x):
        return self.head(self.features(x))


def to_float16(model):
    """Every float32 initializer, graph input and output becomes float16 (as model.half() exports)."""
    for init in model.graph.initializer:
        if init.data_type == TensorProto.FLOAT:
            init.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name))
    for vi in list(model.graph.input) + list(model.graph.output):
        vi.type.tensor_type.elem_type = TensorProto.FLOAT16
    del model.graph.value_info[:]
    return model


def to_bfloat16_io(model):
    """bfloat16 graph input and output around the float32 graph (Cast nodes at both ends)."""
    graph = model.graph
    inp, out = graph.input[0], graph.output[0]
    for node in graph.node:
        node.input[:] = ['input_f32' if name == inp.name else name for name in node.input]
        node.output[:] = ['logits_f32' if name == out.name else name for name in node.output]
    graph.node.insert(0, onnx.helper.make_node('Cast', [inp.name], ['input_f32'], to=TensorProto.FLOAT))
    graph.node.append(onnx.helper.make_node('Cast', ['logits_f32'], [out.name], to=TensorProto.BFLOAT16))
    inp.type.tensor_type.elem_type = TensorProto.BFLOAT16
    out.type.tensor_type.elem_type = TensorProto.BFLOAT16
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--out', default='tools/fixtures/float16-twin')
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(15)
    rng = np.random.default_rng(15)
    net = SmallCnn().eval()
    images, labels = make_data(rng, COUNT)
    x = torch.from_numpy(preprocess(images))
    # Spread the head so the classes are separable on this data: centre the logits per class.
    with torch.no_grad():
        f = net.features(x)
        for c in range(CLASSES):
            net.head.weight[c] += 0.5 * (f[labels == c].mean(0) - f.mean(0))
        net.head.bias -= net.head(f).mean(0)
        feats, logits = net.features(x), net(x)
    buffer = io.BytesIO()
    torch.onnx.export(net, x[:2], buffer, opset_version=13, input_names=['input'], output_names=['logits'],
                      dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}})
    dense32 = onnx.load_from_string(buffer.getvalue())
    onnx.save(dense32, os.path.join(args.out, 'cnn_float32.onnx'))
    onnx.save(to_bfloat16_io(onnx.load_from_string(buffer.getvalue())), os.path.join(args.out, 'cnn_bfloat16_io.onnx'))
    onnx.save(to_float16(dense32), os.path.join(args.out, 'cnn_float16.onnx'))
    np.save(os.path.join(args.out, 'images.npy'), images)
    np.save(os.path.join(args.out, 'labels.npy'), labels)
    np.save(os.path.join(args.out, 'reference_logits.npy'), logits.numpy().astype(np.float32))
    np.save(os.path.join(args.out, 'reference_features.npy'), feats.numpy().astype(np.float32))
    acc = float((logits.argmax(1).numpy() == labels).mean())
    print(f'wrote {args.out}: {COUNT} images, reference accuracy {acc:.3f}')


if __name__ == '__main__':
    main()
