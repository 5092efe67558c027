#!/usr/bin/env python3
"""PyTorch accuracy of the QA bundle's models on other image sets, e.g. a CIFAR-10-C-layout folder.

Loads the models make_qa_bundle.py saved (ref-<model>.pt, the float16 one with its rounded
weights) and prints, as JSON, each model's accuracy on each set: a .npy of N×32×32×3 uint8 images
whose labels are <labels.npy> (one label per row, or the N test labels), per block of N rows, N
the test-set size (CIFAR-10-C stacks severities 1–5 as five blocks).

    /usr/bin/python3 tools/qa/eval_qa_sets.py /tmp/qa-bundle labels.npy fog.npy gaussian_noise.npy
"""
import json
import os
import sys

import numpy as np
import torch

from make_qa_bundle import TinyResNet, preprocess


def main():
    bundle, labels_path, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
    labels = np.load(labels_path)
    reference = json.load(open(os.path.join(bundle, 'reference.json')))
    names, n = reference['models'], reference['count']
    out = {}
    for name in names:
        model = TinyResNet().eval()
        model.load_state_dict(torch.load(os.path.join(bundle, f'ref-{name}.pt')))
        for path in sets:
            images = np.load(path)
            blocks = []
            for k in range(len(images) // n):
                rows = slice(k * n, (k + 1) * n)
                with torch.no_grad():
                    pred = model(preprocess(images[rows])).argmax(1).numpy()
                blocks.append(float((pred == (labels[rows] if len(labels) == len(images) else labels[:n])).mean()))
            out.setdefault(name, {})[os.path.basename(path)] = blocks
    print(json.dumps(out))


if __name__ == '__main__':
    main()
