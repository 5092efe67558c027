"""Family 'plain_cnn': a small CNN with an nn.Linear head (ONNX Gemm, transB=1), PyTorch reference.

    /usr/bin/python3 tools/zoo/families/plain_cnn.py
"""
import torch

from family_common import LinearClassifier, export, make_data, preprocess, seed, spread_linear, write_family


def main():
    rng = seed(1)
    images, labels = make_data(rng)
    x = torch.from_numpy(preprocess(images))
    net = LinearClassifier().eval()
    logits = spread_linear(net, x, labels)
    write_family('plain_cnn', export(net, x), images, labels, logits, {'form': 'gemm', 'featureDim': 12, 'tolerance': 1e-4})


if __name__ == '__main__':
    main()
