"""Family 'conv_low_rank_head': a factorised fully convolutional head, Conv 3x3 -> ReLU ->
Conv 1x1 (6 -> rank 2) -> Conv 1x1 (2 -> 4 classes) -> GlobalAveragePool -> Flatten, nothing
nonlinear between the two 1x1 Convs. PruneLens must fold them into one 4 x 6 W and take the
features as the spatial mean of the first 1x1 Conv's input. PyTorch reference.

    /usr/bin/python3 tools/zoo/families/conv_low_rank_head.py
"""
import torch

from family_common import CLASSES, export, make_data, preprocess, seed, write_family

RANK = 2


class ConvLowRank(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 6, 3, padding=1)
        self.v = torch.nn.Conv2d(6, RANK, 1)
        self.u = torch.nn.Conv2d(RANK, CLASSES, 1)

    def trunk(self, x):
        return torch.relu(self.conv(x))

    def forward(self, x):
        return torch.flatten(torch.nn.functional.adaptive_avg_pool2d(self.u(self.v(self.trunk(x))), 1), 1)


def main():
    rng = seed(11)
    images, labels = make_data(rng)
    x = torch.from_numpy(preprocess(images))
    net = ConvLowRank().eval()
    with torch.no_grad():
        # Point the rank-2 map at the first two class-mean differences of the pooled features.
        f = net.trunk(x).mean((2, 3))
        lab = torch.from_numpy(labels)
        means = torch.stack([f[lab == c].mean(0) - f.mean(0) for c in range(CLASSES)])
        net.v.weight.copy_((means[:RANK] * 2)[:, :, None, None])
        net.v.bias.zero_()
        z = net.v(net.trunk(x)).mean((2, 3))
        centres = torch.stack([z[lab == c].mean(0) for c in range(CLASSES)])
        net.u.weight.copy_((centres - centres.mean(0))[:, :, None, None])
        net.u.bias.zero_()
        net.u.bias.copy_(-net(x).mean(0))
        # Logits of order 1, so that predictions are far from ties at float32 precision.
        scale = 1 / net(x).std()
        net.u.weight.mul_(scale)
        net.u.bias.mul_(scale)
        logits = net(x).numpy()
    model = export(net, x)
    ops = [n.op_type for n in model.graph.node]
    assert ops[-4:] == ['Conv', 'Conv', 'GlobalAveragePool', 'Flatten'], ops
    write_family('conv_low_rank_head', model, images, labels, logits, {'form': 'conv1x1', 'featureDim': 6, 'factorRank': RANK, 'tolerance': 1e-4})


if __name__ == '__main__':
    main()
