"""Family 'external_data': the plain CNN with every weight in 'weights.bin' beside model.onnx
(onnx save_as_external_data), PyTorch reference.

    /usr/bin/python3 tools/zoo/families/external_data.py
"""
import torch

from family_common import LinearClassifier, export, make_data, preprocess, seed, spread_linear, write_family


def main():
    rng = seed(2)
    images, labels = make_data(rng)
    x = torch.from_numpy(preprocess(images))
    net = LinearClassifier().eval()
    logits = spread_linear(net, x, labels)
    write_family('external_data', export(net, x), images, labels, logits, {'form': 'gemm', 'featureDim': 12, 'tolerance': 1e-4}, external='weights.bin')


if __name__ == '__main__':
    main()
