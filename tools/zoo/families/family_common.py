"""Shared pieces of the model-family fixture scripts (tools/zoo/families/*.py).

Every family writes tools/fixtures/onnx/families/<family>/: model.onnx (plus any external data
file), images.npy (uint8, N x 8 x 8 grey), labels.npy, logits.npy (the reference logits, computed
here by PyTorch or NumPy, independently of PruneLens and onnxruntime) and meta.json (expected head
form, feature width, classes, and the logits tolerance). The images are preprocessed as
x = (image / 255 - 0.5) / 0.25, one channel, NCHW: the bundle the tests build says the same.
Seeded, no training: the weights are random and the head is spread so the classes differ.
"""
import io
import json
import os

import numpy as np
import onnx
import torch

COUNT, SIZE, CLASSES = 128, 8, 4
MEAN, STD, SCALE = 0.5, 0.25, 255.0
OPSET = 13
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures', 'onnx', 'families'))


def seed(value):
    torch.manual_seed(value)
    np.random.seed(value)
    return np.random.default_rng(value)


def make_data(rng, count=COUNT):
    """Grey 8x8 images with a class-dependent pattern plus noise, and their labels."""
    labels = (np.arange(count) % CLASSES).astype(np.uint8)
    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    images = np.empty((count, SIZE, SIZE), np.uint8)
    for i, c in enumerate(labels):
        pattern = [xx * 30, yy * 30, (xx + yy) * 15, np.abs(xx - yy) * 30][c]
        images[i] = np.clip(pattern + rng.integers(0, 60, (SIZE, SIZE)), 0, 255)
    return images, labels


def preprocess(images):
    return ((images.astype(np.float32) / SCALE - MEAN) / STD)[:, None].astype(np.float32)


def spread_head(weight, bias, features, labels):
    """Moves class directions towards the class means of `features` (torch tensors, in place), and
    centres the logits, so that predictions are far from ties and differ by class."""
    with torch.no_grad():
        spread = torch.stack([features[labels == c].mean(0) - features.mean(0) for c in range(CLASSES)])
        weight.mul_(0.2)
        weight += 4 * spread / spread.norm().clamp_min(1e-6) * weight.shape[1] ** 0.5
        bias -= (features @ weight.T + bias).mean(0)


def export(net, x, opset=OPSET):
    """torch.onnx.export to an in-memory ModelProto (input 'input', output 'logits', dynamic batch)."""
    buffer = io.BytesIO()
    torch.onnx.export(net, x[:2], buffer, opset_version=opset, input_names=['input'], output_names=['logits'],
                      dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}}, do_constant_folding=True)
    return onnx.load_from_string(buffer.getvalue())


def write_family(name, model, images, labels, logits, meta, external=None):
    """Writes the family folder; `external` = file name puts every initializer in that file."""
    out = os.path.join(ROOT, name)
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        os.remove(os.path.join(out, f))
    if external:
        onnx.save_model(model, os.path.join(out, 'model.onnx'), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=external, size_threshold=0)
    else:
        onnx.save_model(model, os.path.join(out, 'model.onnx'))
    np.save(os.path.join(out, 'images.npy'), images)
    np.save(os.path.join(out, 'labels.npy'), labels)
    np.save(os.path.join(out, 'logits.npy'), np.asarray(logits, np.float32))
    with open(os.path.join(out, 'meta.json'), 'w') as f:
        json.dump({'family': name, 'classes': CLASSES, **meta}, f, indent=2)
        f.write('\n')
    acc = float((np.asarray(logits).argmax(1) == labels).mean())
    print(f'{name}: wrote {out} (reference accuracy {acc:.3f})')


class Backbone(torch.nn.Module):
    """Conv 3x3 -> ReLU -> 2x2 average pool -> Flatten -> Linear(24, 12) -> ReLU: 12-d features."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 6, 3, padding=1)
        self.pool = torch.nn.AdaptiveAvgPool2d(2)
        self.fc = torch.nn.Linear(24, 12)

    def forward(self, x):
        return torch.relu(self.fc(torch.flatten(self.pool(torch.relu(self.conv(x))), 1)))


class LinearClassifier(torch.nn.Module):
    """Backbone features -> nn.Linear head (exported as Gemm)."""

    def __init__(self):
        super().__init__()
        self.features = Backbone()
        self.head = torch.nn.Linear(12, CLASSES)

    def forward(self, x):
        return self.head(self.features(x))


def spread_linear(net, x, labels):
    """spread_head on a LinearClassifier; returns the reference logits (N x C, numpy)."""
    with torch.no_grad():
        spread_head(net.head.weight, net.head.bias, net.features(x), torch.from_numpy(labels))
        return net(x).numpy()
