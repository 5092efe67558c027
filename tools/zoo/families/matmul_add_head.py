"""Family 'matmul_add_head': the head written as features @ W + b (ONNX MatMul + Add, as
Keras/TF and hand-written exports produce), PyTorch reference.

    /usr/bin/python3 tools/zoo/families/matmul_add_head.py
"""
import torch

from family_common import CLASSES, Backbone, export, make_data, preprocess, seed, spread_head, write_family


class MatMulHead(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.features = Backbone()
        self.weight = torch.nn.Parameter(torch.randn(CLASSES, 12) * 0.3)
        self.bias = torch.nn.Parameter(torch.randn(CLASSES) * 0.1)

    def forward(self, x):
        return torch.matmul(self.features(x), self.weight.t()) + self.bias


def main():
    rng = seed(4)
    images, labels = make_data(rng)
    x = torch.from_numpy(preprocess(images))
    net = MatMulHead().eval()
    with torch.no_grad():
        spread_head(net.weight, net.bias, net.features(x), torch.from_numpy(labels))
        logits = net(x).numpy()
    model = export(net, x)
    assert [n.op_type for n in model.graph.node][-2:] == ['MatMul', 'Add'], [n.op_type for n in model.graph.node]
    write_family('matmul_add_head', model, images, labels, logits, {'form': 'matmul-add', 'featureDim': 12, 'tolerance': 1e-4})


if __name__ == '__main__':
    main()
