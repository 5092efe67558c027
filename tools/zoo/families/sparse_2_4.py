"""Family 'sparse_2_4': the small CNN with 2:4 semi-structured sparsity (in every group of 4
consecutive input weights of the Linear layers, the 2 smallest magnitudes are zero), PyTorch reference.

    /usr/bin/python3 tools/zoo/families/sparse_2_4.py
"""
import torch

from family_common import LinearClassifier, export, make_data, preprocess, seed, spread_linear, write_family


def two_of_four(weight):
    """Zeroes the 2 smallest |w| in each group of 4 along the input axis (in place)."""
    with torch.no_grad():
        groups = weight.view(weight.shape[0], -1, 4)
        drop = groups.abs().argsort(dim=2)[:, :, :2]
        groups.scatter_(2, drop, 0.0)


def main():
    rng = seed(3)
    images, labels = make_data(rng)
    x = torch.from_numpy(preprocess(images))
    net = LinearClassifier().eval()
    two_of_four(net.features.fc.weight)
    logits = spread_linear(net, x, labels)
    two_of_four(net.head.weight)
    with torch.no_grad():
        logits = net(x).numpy()
    assert float((net.head.weight == 0).float().mean()) == 0.5
    write_family('sparse_2_4', export(net, x), images, labels, logits, {'form': 'gemm', 'featureDim': 12, 'tolerance': 1e-4})


if __name__ == '__main__':
    main()
