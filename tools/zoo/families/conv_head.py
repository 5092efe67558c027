"""Families 'conv_head_pooled' and 'conv_head_flat': fully convolutional classifiers.

- conv_head_pooled: Conv 3x3 -> ReLU -> Conv 1x1 (6 -> 4 classes) -> GlobalAveragePool -> Flatten.
  The pooling comes after the head; PruneLens takes the features as the spatial mean of the 1x1
  Conv's input (the mean commutes with the 1x1 Conv).
- conv_head_flat: Conv 3x3 -> ReLU -> GlobalAveragePool -> Conv 1x1 -> Flatten.
PyTorch reference.

    /usr/bin/python3 tools/zoo/families/conv_head.py
"""
import torch

from family_common import CLASSES, export, make_data, preprocess, seed, spread_head, write_family


class ConvHead(torch.nn.Module):
    def __init__(self, pool_first):
        super().__init__()
        self.pool_first = pool_first
        self.conv = torch.nn.Conv2d(1, 6, 3, padding=1)
        self.head = torch.nn.Conv2d(6, CLASSES, 1)

    def trunk(self, x):
        return torch.relu(self.conv(x))

    def forward(self, x):
        h = self.trunk(x)
        if self.pool_first:
            return torch.flatten(self.head(torch.nn.functional.adaptive_avg_pool2d(h, 1)), 1)
        return torch.flatten(torch.nn.functional.adaptive_avg_pool2d(self.head(h), 1), 1)


def build(name, pool_first, value):
    rng = seed(value)
    images, labels = make_data(rng)
    x = torch.from_numpy(preprocess(images))
    net = ConvHead(pool_first).eval()
    with torch.no_grad():
        features = net.trunk(x).mean((2, 3))
        weight = net.head.weight[:, :, 0, 0].clone()
        bias = net.head.bias.clone()
        spread_head(weight, bias, features, torch.from_numpy(labels))
        net.head.weight.copy_(weight[:, :, None, None])
        net.head.bias.copy_(bias)
        logits = net(x).numpy()
    model = export(net, x)
    ops = [n.op_type for n in model.graph.node]
    assert ops[-3:] == (['GlobalAveragePool', 'Conv', 'Flatten'] if pool_first else ['Conv', 'GlobalAveragePool', 'Flatten']), ops
    write_family(name, model, images, labels, logits, {'form': 'conv1x1', 'featureDim': 6, 'tolerance': 1e-4})


def main():
    build('conv_head_pooled', False, 6)
    build('conv_head_flat', True, 7)


if __name__ == '__main__':
    main()
