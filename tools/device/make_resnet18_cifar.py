"""A ResNet-18 for 32x32 CIFAR images (3x3 stem, no max-pool; 11.2M parameters), seeded random
weights, exported to ONNX with a dynamic batch axis: the "ResNet-18-size CIFAR model" that
tools/device/gpu-bench.sh times on each execution provider. Weights are random, so it measures
speed only; when Python's onnxruntime is installed the export is checked against PyTorch.

Usage: python3 tools/device/make_resnet18_cifar.py OUT.onnx
"""
import inspect
import sys

import numpy as np
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.short = nn.Sequential()
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(self.bn2(self.conv2(y)) + self.short(x))


class ResNet18(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU())
        layers, cin = [], 64
        for cout, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
            layers += [Block(cin, cout, stride), Block(cout, cout, 1)]
            cin = cout
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        features = torch.flatten(nn.functional.adaptive_avg_pool2d(self.layers(self.stem(x)), 1), 1)
        return self.fc(features)


def main(out):
    torch.manual_seed(22)
    model = ResNet18().eval()
    # Non-trivial batch-norm statistics, so the exported graph is not an identity in disguise.
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.1, 0.1)
            m.running_var.uniform_(0.5, 1.5)
    x = torch.rand(8, 3, 32, 32) * 2 - 1
    kwargs = dict(input_names=["input"], output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=17)
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False  # the TorchScript exporter: one self-contained file, dynamic_axes as above
    try:
        torch.onnx.export(model, (x,), out, **kwargs)
    except Exception as error:  # a PyTorch whose TorchScript exporter is gone or broken
        if "dynamo" not in kwargs:
            raise
        print(f"TorchScript exporter failed ({error}); using the dynamo exporter", file=sys.stderr)
        batch = torch.export.Dim("batch", min=1, max=65536)
        torch.onnx.export(model, (x,), out, input_names=["input"], output_names=["logits"], dynamic_shapes=({0: batch},), opset_version=18, dynamo=True, external_data=False)
    params = sum(p.numel() for p in model.parameters())
    print(f"wrote {out}: ResNet-18 (CIFAR stem), {params / 1e6:.2f}M parameters, input N×3×32×32")
    try:
        import onnxruntime as ort
    except ImportError:
        print("python onnxruntime not installed: export not cross-checked")
        return
    with torch.no_grad():
        expected = model(x).numpy()
    session = ort.InferenceSession(out, providers=["CPUExecutionProvider"])
    got = session.run(None, {session.get_inputs()[0].name: x.numpy()})[0]
    diff = float(np.abs(got - expected).max())
    print(f"onnxruntime vs PyTorch: max |Δlogit| {diff:.2e}")
    if not diff < 1e-3:
        sys.exit(f"export mismatch: max |Δlogit| {diff}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
