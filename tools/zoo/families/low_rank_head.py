"""Family 'low_rank_head': a factorised head W = U . V of rank 2 (Linear(12, 2) then Linear(2, 4),
nothing between them), as low-rank pruning exports it. PruneLens must fold it into one 4 x 12 W
with the 12-d features before the first factor. PyTorch reference.

    /usr/bin/python3 tools/zoo/families/low_rank_head.py
"""
import torch

from family_common import CLASSES, Backbone, export, make_data, preprocess, seed, write_family

RANK = 2


class LowRank(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.features = Backbone()
        self.v = torch.nn.Linear(12, RANK)
        self.u = torch.nn.Linear(RANK, CLASSES)

    def forward(self, x):
        return self.u(self.v(self.features(x)))


def main():
    rng = seed(5)
    images, labels = make_data(rng)
    x = torch.from_numpy(preprocess(images))
    net = LowRank().eval()
    with torch.no_grad():
        # Point the rank-2 map at the first two class-mean differences so the classes separate.
        f = net.features(x)
        lab = torch.from_numpy(labels)
        means = torch.stack([f[lab == c].mean(0) - f.mean(0) for c in range(CLASSES)])
        net.v.weight.copy_(means[:RANK] * 2)
        net.v.bias.zero_()
        z = net.v(f)
        centres = torch.stack([z[lab == c].mean(0) for c in range(CLASSES)])
        net.u.weight.copy_(centres - centres.mean(0))
        net.u.bias.copy_(-(net.u(z)).mean(0) + net.u.bias)
        logits = net(x).numpy()
    write_family('low_rank_head', export(net, x), images, labels, logits, {'form': 'gemm', 'featureDim': 12, 'factorRank': RANK, 'tolerance': 1e-4})


if __name__ == '__main__':
    main()
