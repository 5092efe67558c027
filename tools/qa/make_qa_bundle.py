#!/usr/bin/env python3
"""QA bundle: what a pruning researcher would bring, unlike the demo (tools/zoo) and the fixtures.

A small CIFAR-shaped ResNet (32×32×3, 10 classes) trained on synthetic shapes (qa_data.py) with a
non-preset per-channel normalisation, pruned with torch.nn.utils.prune (global magnitude 50/80/95 %
and structured L1 on conv channels, each fine-tuned briefly), exported to ONNX opset 13 (gmp-80 as
float16, the rest float32), plus the test set as .npy and PyTorch's own reference evaluation
(`reference.json`: clean accuracy, per-sample predictions and logits of every model) to check
PruneLens' numbers against. No bundle.json: `prunelens init` writes that.

    /usr/bin/python3 tools/qa/make_qa_bundle.py --out /tmp/qa-bundle [--train 6000 --test 1000 --epochs 4]
"""
import argparse
import io
import json
import os
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune

from qa_data import CLASSES, make_images

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'zoo', 'families'))
from float16_twin import to_float16  # noqa: E402  (the zoo's conversion: float16 weights, input and output)

MEAN = np.array([0.35, 0.34, 0.33], dtype=np.float32)  # this data's own statistics, not a preset
STD = np.array([0.21, 0.19, 0.20], dtype=np.float32)


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.skip = nn.Sequential() if stride == 1 and cin == cout else nn.Sequential(
            nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.b1(self.c1(x)))
        return torch.relu(self.b2(self.c2(y)) + self.skip(x))


class TinyResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.blocks = nn.Sequential(Block(16, 16, 1), Block(16, 32, 2), Block(32, 64, 2))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, len(CLASSES))

    def features(self, x):
        return torch.flatten(self.pool(self.blocks(self.stem(x))), 1)

    def forward(self, x):
        return self.fc(self.features(x))


def preprocess(images_u8):
    """uint8 NHWC → float32 NCHW: x/255, then (x − mean[c]) / std[c] (bundle.json `input`)."""
    x = images_u8.astype(np.float32) / np.float32(255.0)
    x = (x - MEAN) / STD
    return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))


def train(model, x, y, epochs, lr, seed):
    torch.manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(y))
        for i in range(0, len(y), 128):
            idx = order[i:i + 128]
            opt.zero_grad()
            nn.functional.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
    model.eval()


def weights(model):
    return [(m, 'weight') for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]


def pruned(dense, kind, amount, x, y, seed):
    model = TinyResNet()
    model.load_state_dict(dense.state_dict())
    if kind == 'global':
        prune.global_unstructured(weights(model), pruning_method=prune.L1Unstructured, amount=amount)
    else:
        for m, name in weights(model):
            if isinstance(m, nn.Conv2d) and m.out_channels > 3:
                prune.ln_structured(m, name, amount=amount, n=1, dim=0)
    train(model, x, y, 1, 1e-3, seed)  # brief fine-tune, masks kept
    for m, name in weights(model):
        if prune.is_pruned(m) and hasattr(m, name + '_orig'):
            prune.remove(m, name)
    return model


def sparsity(model):
    ws = [m.weight.detach() for m, _ in weights(model)]
    return float(sum(int((w == 0).sum()) for w in ws) / sum(w.numel() for w in ws))


def export(model, path, float16):
    buf = io.BytesIO()
    torch.onnx.export(model, torch.zeros(1, 3, 32, 32), buf, opset_version=13, input_names=['input'],
                      output_names=['logits'], dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}})
    proto = onnx.load_from_string(buf.getvalue())
    if float16:
        proto = to_float16(proto)
    onnx.checker.check_model(proto)
    onnx.save(proto, path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='/tmp/qa-bundle')
    ap.add_argument('--train', type=int, default=6000)
    ap.add_argument('--test', type=int, default=1000)
    ap.add_argument('--epochs', type=int, default=4)
    ap.add_argument('--seed', type=int, default=7)
    args = ap.parse_args()
    torch.set_num_threads(1)
    t0 = time.time()
    os.makedirs(os.path.join(args.out, 'models'), exist_ok=True)
    os.makedirs(os.path.join(args.out, 'data'), exist_ok=True)
    xtr_u8, ytr = make_images(args.train, args.seed)
    xte_u8, yte = make_images(args.test, args.seed + 1000)
    np.save(os.path.join(args.out, 'data', 'test_images.npy'), xte_u8)
    np.save(os.path.join(args.out, 'data', 'test_labels.npy'), yte)
    xtr, ytr_t, xte = preprocess(xtr_u8), torch.from_numpy(ytr), preprocess(xte_u8)
    torch.manual_seed(args.seed)
    dense = TinyResNet()
    train(dense, xtr, ytr_t, args.epochs, 3e-3, args.seed)
    variants = [('dense', dense, False)]
    for name, kind, amount, f16 in [('gmp-50', 'global', 0.5, False), ('gmp-80', 'global', 0.8, True),
                                    ('gmp-95', 'global', 0.95, False), ('l1-channels-50', 'channels', 0.5, False)]:
        variants.append((name, pruned(dense, kind, amount, xtr, ytr_t, args.seed), f16))
    reference = {'mean': MEAN.tolist(), 'std': STD.tolist(), 'count': args.test, 'models': {}}
    for name, model, f16 in variants:
        export(model, os.path.join(args.out, 'models', f'{name}.onnx'), f16)
        if f16:  # the reference sees the same float16-rounded weights the ONNX file holds
            model.load_state_dict({k: v.half().float() if v.is_floating_point() else v for k, v in model.state_dict().items()})
        torch.save(model.state_dict(), os.path.join(args.out, f'ref-{name}.pt'))  # for eval_qa_sets.py
        with torch.no_grad():
            feats = model.features(xte)
            logits = model.fc(feats)
        pred = logits.argmax(1).numpy()
        np.save(os.path.join(args.out, f'ref-{name}-features.npy'), feats.numpy())
        np.save(os.path.join(args.out, f'ref-{name}-logits.npy'), logits.numpy())
        reference['models'][name] = {'accuracy': float((pred == yte).mean()), 'sparsity': sparsity(model),
                                     'float16': f16, 'pred': pred.tolist()}
        print(f'{name:16s} acc {reference["models"][name]["accuracy"]:.4f} sparsity {sparsity(model):.3f}', flush=True)
    with open(os.path.join(args.out, 'reference.json'), 'w') as f:
        json.dump(reference, f)
    print(f'done in {time.time() - t0:.0f} s → {args.out}')


if __name__ == '__main__':
    main()
