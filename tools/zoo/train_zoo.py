#!/usr/bin/env python3
"""PruneLens demo zoo: a dense Fashion-MNIST CNN and pruned variants, exported to ONNX.

Trains a small BatchNorm CNN on Fashion-MNIST (1 CPU thread, seeded, deterministic data
order), derives pruned variants covering the main pruning families, measures their clean
test accuracy with PyTorch, exports every model to ONNX (opset 13, input `input`, output
`logits`, dynamic batch axis) and writes a PruneLens bundle (`bundle.json`, `README.md`,
`models/*.onnx`, `data/t10k-*.gz`) into --out (default: assets/demo).

    nice -n 10 /usr/bin/python3 tools/zoo/train_zoo.py                           # full run
    nice -n 10 /usr/bin/python3 tools/zoo/train_zoo.py --smoke --out /tmp/zoo-smoke

See tools/zoo/README.md.
"""
import argparse
import gzip
import json
import math
import os
import platform
import shlex
import shutil
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.nn.utils.prune as prune

MEAN, STD = 0.2860, 0.3530
CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']
CORRUPTIONS = [
    'gaussian_noise', 'shot_noise', 'impulse_noise', 'defocus_blur', 'glass_blur', 'motion_blur', 'zoom_blur',
    'snow', 'frost', 'fog', 'brightness', 'contrast', 'elastic_transform', 'pixelate', 'jpeg_compression',
    'speckle_noise', 'gaussian_blur', 'spatter', 'saturate',
]
DEFAULT_DATA = '/work/shared/data/fashion-mnist'
BATCH = 128


# ----------------------------------------------------------------------------- data

def read_idx(path):
    """Reads an IDX file (gzip or raw): magic 0x00 0x00 <dtype> <ndim>, big-endian dims, data."""
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f'{path}: not an unsigned-byte IDX file')
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def preprocess(images_u8):
    """uint8 (N, 28, 28) -> float32 (N, 1, 28, 28): x/255, then (x - mean)/std (as bundle.json `input`)."""
    x = torch.from_numpy(images_u8.astype(np.float32)).unsqueeze(1)
    x = x / np.float32(255.0)
    return (x - np.float32(MEAN)) / np.float32(STD)


# ----------------------------------------------------------------------------- model

class Net(nn.Module):
    """conv-BN-ReLU-pool x3 -> flatten -> Linear(., 64)-ReLU (penultimate features) -> Linear(64, 10)."""

    def __init__(self, channels=(16, 32, 64), features=64):
        super().__init__()
        c1, c2, c3 = channels
        self.channels = tuple(channels)
        self.conv1 = nn.Conv2d(1, c1, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c1)
        self.conv2 = nn.Conv2d(c1, c2, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c2)
        self.conv3 = nn.Conv2d(c2, c3, 3, padding=1, bias=False)
        self.bn3 = nn.BatchNorm2d(c3)
        self.fc1 = nn.Linear(c3 * 3 * 3, features)
        self.fc2 = nn.Linear(features, len(CLASSES))

    def features(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)  # 14x14
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)  # 7x7
        x = F.max_pool2d(F.relu(self.bn3(self.conv3(x))), 2)  # 3x3
        return F.relu(self.fc1(torch.flatten(x, 1)))

    def forward(self, x):
        return self.fc2(self.features(x))

    def weight_layers(self):
        return [self.conv1, self.conv2, self.conv3, self.fc1, self.fc2]


def prunable(model):
    return [(m, 'weight') for m in model.weight_layers()]


def weight_count(model):
    return sum(m.weight.numel() for m in model.weight_layers())


def zero_fraction(model):
    zeros = sum(int((m.weight == 0).sum()) for m in model.weight_layers())
    return zeros / weight_count(model)


def make_permanent(model):
    """prune.remove on every pruned weight: the zeros become part of the plain `weight` parameter."""
    for m in model.weight_layers():
        if prune.is_pruned(m) and hasattr(m, 'weight_orig'):
            prune.remove(m, 'weight')
    return model


# ----------------------------------------------------------------------------- training / eval

class Trainer:
    def __init__(self, x, y, test_x, test_y, epoch_scale=1.0):
        self.x, self.y, self.test_x, self.test_y = x, y, test_x, test_y
        self.epoch_scale = epoch_scale

    def train(self, model, epochs, lr, seed, params=None, optimizer='adam', weight_decay=0.0, on_step=None, label=''):
        """Cosine-annealed training; data order from a generator seeded with `seed`."""
        epochs = epochs * self.epoch_scale
        n = self.x.shape[0]
        steps_per_epoch = math.ceil(n / BATCH)
        total = max(1, int(round(epochs * steps_per_epoch)))
        params = [p for p in (params if params is not None else model.parameters()) if p.requires_grad]
        if optimizer == 'sgd':
            opt = torch.optim.SGD(params, lr=lr, momentum=0.9, weight_decay=weight_decay)
        else:
            opt = torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total)
        gen = torch.Generator().manual_seed(seed)
        model.train()
        step, running, t0 = 0, 0.0, time.time()
        while step < total:
            perm = torch.randperm(n, generator=gen)
            for i in range(0, n, BATCH):
                if step >= total:
                    break
                idx = perm[i:i + BATCH]
                opt.zero_grad(set_to_none=True)
                loss = F.cross_entropy(model(self.x[idx]), self.y[idx])
                loss.backward()
                opt.step()
                sched.step()
                step += 1
                running = 0.98 * running + 0.02 * float(loss) if step > 1 else float(loss)
                if on_step is not None:
                    on_step(step, model)
                if step % steps_per_epoch == 0 or step == total:
                    log(f'  [{label}] step {step}/{total} loss {running:.4f} ({time.time() - t0:.0f}s)')
        model.eval()
        return model

    @torch.no_grad()
    def accuracy(self, model, limit=None):
        """Top-1 accuracy on the first `limit` test images (all when None); batches of 250."""
        model.eval()
        x, y = (self.test_x, self.test_y) if limit is None else (self.test_x[:limit], self.test_y[:limit])
        correct = 0
        for i in range(0, x.shape[0], 250):
            correct += int((model(x[i:i + 250]).argmax(1) == y[i:i + 250]).sum())
        return correct / x.shape[0]


def log(msg):
    print(msg, flush=True)


# ----------------------------------------------------------------------------- pruning families

def random_unstructured(trainer, dense, sparsity, seed):
    """Layer-wise uniform random pruning (same fraction in every layer), then fine-tune."""
    model = clone(dense)
    torch.manual_seed(seed)
    for m, name in prunable(model):
        prune.random_unstructured(m, name, amount=sparsity)
    trainer.train(model, 1, 5e-4, seed, label=f'random-{pct(sparsity)} FT')
    return make_permanent(model)


def global_magnitude(trainer, dense, sparsity, seed):
    """One-shot global magnitude pruning over all conv + linear weights, then fine-tune."""
    model = clone(dense)
    prune.global_unstructured(prunable(model), pruning_method=prune.L1Unstructured, amount=sparsity)
    trainer.train(model, 1, 5e-4, seed, label=f'gmp-{pct(sparsity)} FT')
    return make_permanent(model)


def layerwise_magnitude(trainer, dense, sparsity, seed):
    """Magnitude pruning with the same sparsity in every layer, then fine-tune."""
    model = clone(dense)
    for m, name in prunable(model):
        prune.l1_unstructured(m, name, amount=sparsity)
    trainer.train(model, 1, 5e-4, seed, label=f'lwm-{pct(sparsity)} FT')
    return make_permanent(model)


def taylor_first_order(trainer, dense, sparsity, seed, batches=40):
    """Global pruning by the first-order Taylor criterion (Molchanov et al. 2019):
    importance of weight w = sum over mini-batches of (w * dL/dw)^2, computed on the trained
    dense model (eval-mode BN); then fine-tune."""
    model = clone(dense)
    model.eval()
    scores = {m: torch.zeros_like(m.weight) for m in model.weight_layers()}
    gen = torch.Generator().manual_seed(seed)
    perm = torch.randperm(trainer.x.shape[0], generator=gen)
    for b in range(batches):
        idx = perm[b * BATCH:(b + 1) * BATCH]
        if idx.numel() == 0:
            break
        model.zero_grad(set_to_none=True)
        F.cross_entropy(model(trainer.x[idx]), trainer.y[idx]).backward()
        for m in model.weight_layers():
            scores[m] += (m.weight.grad * m.weight).detach() ** 2
    model.zero_grad(set_to_none=True)
    prune.global_unstructured(
        prunable(model), pruning_method=prune.L1Unstructured, amount=sparsity,
        importance_scores={(m, 'weight'): s for m, s in scores.items()},
    )
    trainer.train(model, 1, 5e-4, seed, label=f'taylor-{pct(sparsity)} FT')
    return make_permanent(model)


def global_masks(model, sparsity, current_masks):
    """Masks keeping the largest |w| globally among weights not already pruned; exact count."""
    layers = model.weight_layers()
    # With prune hooks attached, `weight` is only refreshed on forward: read weight_orig * weight_mask.
    weights = [(m.weight_orig * m.weight_mask if hasattr(m, 'weight_orig') else m.weight).detach() for m in layers]
    scores = [torch.where(current_masks[i] > 0, weights[i].abs(), torch.full_like(weights[i], -1.0))
              for i in range(len(layers))]
    flat = torch.cat([s.flatten() for s in scores])
    keep = flat.numel() - int(round(sparsity * flat.numel()))
    new_flat = torch.zeros_like(flat)
    new_flat[torch.topk(flat, keep).indices] = 1.0
    masks, offset = [], 0
    for s in scores:
        masks.append(new_flat[offset:offset + s.numel()].view_as(s))
        offset += s.numel()
    return masks


def iterative_magnitude_rewinding(trainer, dense, rewind_state, sparsity, seed, rounds=3, epochs_per_round=2):
    """Lottery-ticket style IMP with weight rewinding (Frankle et al. 2020): each round prunes
    the smallest surviving weights globally (to 1 - (1 - s)^(r/R)), rewinds the survivors to
    their values early in dense training (iteration k, with BN state) and retrains."""
    source = dense
    masks = [torch.ones_like(m.weight) for m in dense.weight_layers()]
    model = None
    for r in range(1, rounds + 1):
        target = 1 - (1 - sparsity) ** (r / rounds)
        masks = global_masks(source, target, masks)
        model = Net()
        model.load_state_dict(rewind_state)
        for m, mask in zip(model.weight_layers(), masks):
            prune.custom_from_mask(m, 'weight', mask)
        log(f'  [imp] round {r}/{rounds}: sparsity {target:.3f}, rewound to iteration k')
        trainer.train(model, epochs_per_round, 2e-3, seed + r, label=f'imp round {r}')
        source = model
    return make_permanent(model)


def l1_filter_structured(trainer, dense, amount, seed):
    """Li et al. 2017: drop the conv filters with the smallest L1 norm (prune.ln_structured, n=1,
    dim=0) in every conv layer, then PHYSICALLY rebuild a thinner network (conv, its BN, the next
    conv's input channels, fc1's input columns); the 64-d penultimate and the classifier stay."""
    probe = clone(dense)
    keep = []
    for conv in (probe.conv1, probe.conv2, probe.conv3):
        prune.ln_structured(conv, 'weight', amount=amount, n=1, dim=0)
        keep.append(torch.nonzero(conv.weight_mask.flatten(1).sum(1) > 0).flatten())
    old = dense
    new = Net(channels=tuple(int(k.numel()) for k in keep))
    prev = torch.arange(1)
    with torch.no_grad():
        for (oc, ob, nc, nb), k in zip(
                [(old.conv1, old.bn1, new.conv1, new.bn1), (old.conv2, old.bn2, new.conv2, new.bn2),
                 (old.conv3, old.bn3, new.conv3, new.bn3)], keep):
            nc.weight.copy_(oc.weight[k][:, prev])
            for name in ('weight', 'bias', 'running_mean', 'running_var'):
                getattr(nb, name).copy_(getattr(ob, name)[k])
            nb.num_batches_tracked.copy_(ob.num_batches_tracked)
            prev = k
        c3 = old.conv3.out_channels
        new.fc1.weight.copy_(old.fc1.weight.view(-1, c3, 3, 3)[:, prev].flatten(1))
        new.fc1.bias.copy_(old.fc1.bias)
        new.fc2.load_state_dict(old.fc2.state_dict())
    log(f'  [l1filter] channels {old.channels} -> {new.channels}')
    trainer.train(new, 2, 1e-3, seed, label=f'l1filter-{pct(amount)} FT')
    return new


class _TopK(torch.autograd.Function):
    """Edge-popup mask: 1 for the top-k entries of |scores| (passed in) of a layer; straight-through gradient."""

    @staticmethod
    def forward(ctx, scores, keep):
        flat = scores.flatten()
        k = max(1, int(round(keep * flat.numel())))
        mask = torch.zeros_like(flat)
        mask[torch.topk(flat, k).indices] = 1.0
        return mask.view_as(scores)

    @staticmethod
    def backward(ctx, grad):
        return grad, None


def supermask(trainer, seed, keep=0.5, epochs=3, lr=0.1, optimizer='sgd'):
    """Edge-popup (Ramanujan et al. 2020): the weights stay at their random signed-Kaiming-constant
    initialisation and are never trained; per-weight scores are learned and each layer keeps the
    top-k% by |score|. BN is non-affine (gamma 1, beta 0 fixed; running statistics are tracked),
    the linear biases are fixed at 0."""
    torch.manual_seed(seed)
    model = Net()
    hooks, scores = [], []
    for m in model.weight_layers():
        fan_in = nn.init._calculate_correct_fan(m.weight, 'fan_in')
        std = nn.init.calculate_gain('relu') / math.sqrt(fan_in)
        with torch.no_grad():
            w = torch.sign(torch.randn_like(m.weight)) * std
        del m._parameters['weight']
        m.register_buffer('weight_fixed', w)
        s = nn.Parameter(torch.empty_like(w))
        nn.init.kaiming_uniform_(s, a=math.sqrt(5))
        m.register_parameter('scores', s)
        scores.append(s)
        m.weight = w
        hooks.append(m.register_forward_pre_hook(lambda mod, _inp: setattr(mod, 'weight', mod.weight_fixed * _TopK.apply(mod.scores.abs(), keep))))
        if m.bias is not None:
            with torch.no_grad():
                m.bias.zero_()
            m.bias.requires_grad_(False)
    for bn in (model.bn1, model.bn2, model.bn3):
        bn.weight.requires_grad_(False)
        bn.bias.requires_grad_(False)
    trainer.train(model, epochs, lr, seed, params=scores, optimizer=optimizer, weight_decay=5e-4 if optimizer == 'sgd' else 0.0, label=f'supermask-{pct(1 - keep)}')
    for h in hooks:
        h.remove()
    with torch.no_grad():
        for m in model.weight_layers():
            final = m.weight_fixed * _TopK.apply(m.scores.abs(), keep)
            del m.weight
            del m._parameters['scores']
            del m._buffers['weight_fixed']
            m.weight = nn.Parameter(final.detach().clone())
    plain = Net()
    plain.load_state_dict(model.state_dict())
    return plain.eval()


# ----------------------------------------------------------------------------- helpers

def clone(model):
    new = Net(channels=model.channels)
    new.load_state_dict(model.state_dict())
    return new.eval()


def pct(s):
    return f'{int(round(s * 100))}'


def export_onnx(model, path):
    import onnx
    from onnx import numpy_helper
    model.eval()
    torch.onnx.export(
        model, torch.zeros(1, 1, 28, 28), path, opset_version=13, input_names=['input'], output_names=['logits'],
        dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}}, do_constant_folding=True,
    )
    proto = onnx.load(path)
    onnx.checker.check_model(proto)
    inits = {t.name: t for t in proto.graph.initializer}
    zeros = total = 0
    for node in proto.graph.node:
        if node.op_type in ('Conv', 'Gemm', 'MatMul') and len(node.input) > 1 and node.input[1] in inits:
            arr = numpy_helper.to_array(inits[node.input[1]])
            zeros += int((arr == 0).sum())
            total += arr.size
    head = [n for n in proto.graph.node if n.op_type == 'Gemm'][-1]
    attrs = {a.name: onnx.helper.get_attribute_value(a) for a in head.attribute}
    return {
        'onnx_weight_zero_fraction': zeros / total if total else 0.0,
        'ops': sorted({n.op_type for n in proto.graph.node}),
        'head': {'op': head.op_type, 'attrs': attrs, 'feature_tensor': head.input[0], 'output': head.output[0]},
        'bytes': os.path.getsize(path),
    }


# ----------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--out', default='assets/demo', help='bundle folder to write (default: assets/demo)')
    ap.add_argument('--data', default=DEFAULT_DATA, help='folder with the four Fashion-MNIST IDX .gz files')
    ap.add_argument('--seed', type=int, default=0, help='base seed (default 0)')
    ap.add_argument('--smoke', action='store_true', help='tiny run: 2,048 training images, every training stage 1 epoch')
    args = ap.parse_args()

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True, warn_only=True)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    t_start = time.time()

    train_x = read_idx(os.path.join(args.data, 'train-images-idx3-ubyte.gz'))
    train_y = read_idx(os.path.join(args.data, 'train-labels-idx1-ubyte.gz'))
    test_x = read_idx(os.path.join(args.data, 't10k-images-idx3-ubyte.gz'))
    test_y = read_idx(os.path.join(args.data, 't10k-labels-idx1-ubyte.gz'))
    if args.smoke:
        train_x, train_y = train_x[:2048], train_y[:2048]
    trainer = Trainer(preprocess(train_x), torch.from_numpy(train_y.astype(np.int64)),
                      preprocess(test_x), torch.from_numpy(test_y.astype(np.int64)))
    log(f'train {tuple(train_x.shape)}, test {tuple(test_x.shape)}, torch {torch.__version__}, threads {torch.get_num_threads()}')

    # In smoke mode every training stage runs exactly one epoch over the subset.
    if args.smoke:
        real_train = trainer.train

        def one_epoch(model, epochs, *a, **kw):
            trainer.epoch_scale = 1.0 / epochs
            try:
                return real_train(model, epochs, *a, **kw)
            finally:
                trainer.epoch_scale = 1.0
        trainer.train = one_epoch

    s = args.seed
    results = []  # (id, method, role, model, seconds, note)

    # Dense baseline; keep the weights at iteration k for rewinding.
    t0 = time.time()
    torch.manual_seed(s + 1)
    dense = Net()
    rewind_iteration = 10 if args.smoke else 250
    rewind = {}

    def capture(step, model):
        if step == rewind_iteration:
            rewind['state'] = {k: v.detach().clone() for k, v in model.state_dict().items()}
    trainer.train(dense, 4, 2e-3, s + 1, on_step=capture, label='dense')
    dense_seconds = time.time() - t0
    results.append(('dense', 'Dense baseline', 'dense', dense, dense_seconds,
                    f'4 epochs Adam (lr 2e-3, cosine), batch {BATCH}'))
    log(f'dense: {trainer.accuracy(dense):.4f} ({dense_seconds:.0f}s)')

    variants = [
        ('random-50', 'Random unstructured (layer-wise, + FT)', lambda: random_unstructured(trainer, dense, 0.5, s + 10), '1 epoch FT'),
        ('random-70', 'Random unstructured (layer-wise, + FT)', lambda: random_unstructured(trainer, dense, 0.7, s + 12), '1 epoch FT'),
        ('random-80', 'Random unstructured (layer-wise, + FT)', lambda: random_unstructured(trainer, dense, 0.8, s + 11), '1 epoch FT'),
        ('random-90', 'Random unstructured (layer-wise, + FT)', lambda: random_unstructured(trainer, dense, 0.9, s + 13), '1 epoch FT'),
        ('random-95', 'Random unstructured (layer-wise, + FT)', lambda: random_unstructured(trainer, dense, 0.95, s + 14), '1 epoch FT'),
        ('gmp-50', 'Global magnitude (one-shot + FT)', lambda: global_magnitude(trainer, dense, 0.5, s + 20), '1 epoch FT'),
        ('gmp-70', 'Global magnitude (one-shot + FT)', lambda: global_magnitude(trainer, dense, 0.7, s + 23), '1 epoch FT'),
        ('gmp-80', 'Global magnitude (one-shot + FT)', lambda: global_magnitude(trainer, dense, 0.8, s + 21), '1 epoch FT'),
        ('gmp-90', 'Global magnitude (one-shot + FT)', lambda: global_magnitude(trainer, dense, 0.9, s + 24), '1 epoch FT'),
        ('gmp-95', 'Global magnitude (one-shot + FT)', lambda: global_magnitude(trainer, dense, 0.95, s + 22), '1 epoch FT'),
        ('lwm-80', 'Layer-wise magnitude (one-shot + FT)', lambda: layerwise_magnitude(trainer, dense, 0.8, s + 30), '1 epoch FT'),
        ('imp-80', 'Iterative magnitude, weight rewinding (lottery ticket, 3 rounds)',
         lambda: iterative_magnitude_rewinding(trainer, dense, rewind['state'], 0.8, s + 40),
         f'3 rounds x 2 epochs, rewound to iteration {rewind_iteration}'),
        ('taylor-90', 'First-order Taylor (gradient x weight, global + FT)', lambda: taylor_first_order(trainer, dense, 0.9, s + 50), '40 batches for scores, 1 epoch FT'),
        ('l1filter-50', 'Structured L1 filter pruning (channels removed, + FT)', lambda: l1_filter_structured(trainer, dense, 0.5, s + 60), '50% of filters per conv layer, 2 epochs FT'),
        ('supermask-50', 'Supermask on fixed random weights (edge-popup)', lambda: supermask(trainer, s + 70, keep=0.5), '3 epochs of score training, weights never trained'),
    ]
    for vid, method, build, note in variants:
        log(f'{vid}: {method}')
        t0 = time.time()
        model = build()
        secs = time.time() - t0
        results.append((vid, method, 'pruned', model, secs, note))
        log(f'{vid}: acc {trainer.accuracy(model):.4f}, zeros {zero_fraction(model):.3f} ({secs:.0f}s)')

    train_seconds = time.time() - t_start

    # Measure, export, write the bundle.
    out = args.out
    os.makedirs(os.path.join(out, 'models'), exist_ok=True)
    os.makedirs(os.path.join(out, 'data'), exist_ok=True)
    for name in ('t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'):
        shutil.copyfile(os.path.join(args.data, name), os.path.join(out, 'data', name))
    dense_count = weight_count(dense)
    rows, models_json = [], []
    for vid, method, role, model, secs, note in results:
        model.eval()
        if vid.startswith('l1filter'):
            sparsity = 1 - weight_count(model) / dense_count
        else:
            sparsity = zero_fraction(model)
        acc_all = trainer.accuracy(model)
        acc_1k = trainer.accuracy(model, limit=1000)
        path = f'models/{vid}.onnx'
        info = export_onnx(model, os.path.join(out, path))
        if not vid.startswith('l1filter') and abs(info['onnx_weight_zero_fraction'] - sparsity) > 1e-3:
            raise RuntimeError(f'{vid}: ONNX zero fraction {info["onnx_weight_zero_fraction"]} != measured {sparsity}')
        rows.append({'id': vid, 'method': method, 'sparsity': round(sparsity, 3), 'acc1k': acc_1k, 'acc10k': acc_all,
                     'seconds': secs, 'note': note, 'channels': model.channels, 'params': weight_count(model), **info})
        entry = {'id': vid, 'path': path, 'role': role, 'method': method, 'sparsity': round(sparsity, 3)}
        models_json.append(entry)
        log(f'{vid}: sparsity {sparsity:.3f} (onnx zeros {info["onnx_weight_zero_fraction"]:.3f}), '
            f'acc@1000 {acc_1k * 100:.1f}, acc@10000 {acc_all * 100:.2f}, {info["bytes"]} bytes, head {info["head"]}')

    bundle = {
        'name': 'Fashion-MNIST pruning zoo',
        'description': ('A small BatchNorm CNN trained on Fashion-MNIST (dense baseline) and pruned variants from the main '
                        'pruning families: random, global and layer-wise magnitude, iterative magnitude pruning with weight '
                        'rewinding (lottery ticket), first-order Taylor, structured L1 filter pruning (channels physically '
                        'removed) and a supermask on fixed random weights. Generated by tools/zoo/train_zoo.py; see README.md.'
                        + (' SMOKE RUN: tiny training subset, not for use.' if args.smoke else '')),
        'classes': CLASSES,
        'input': {'layout': 'NCHW', 'scale': 255, 'mean': [MEAN], 'std': [STD]},
        'models': models_json,
        'data': {
            'clean': {'images': 'data/t10k-images-idx3-ubyte.gz', 'labels': 'data/t10k-labels-idx1-ubyte.gz'},
            'corrupted': {'generate': {'corruptions': CORRUPTIONS, 'severities': [1, 2, 3, 4, 5], 'seed': 1234}},
        },
        'limit': 1000,
    }
    with open(os.path.join(out, 'bundle.json'), 'w') as f:
        json.dump(bundle, f, indent=2)
        f.write('\n')

    total_seconds = time.time() - t_start
    command = ' '.join(shlex.quote(a) for a in ['nice', '-n', '10', sys.executable, os.path.relpath(sys.argv[0])] + sys.argv[1:])
    write_readme(out, args, rows, command, train_seconds, total_seconds, rewind_iteration)
    log(f'done: training {train_seconds:.0f}s, total {total_seconds:.0f}s -> {out}')


def write_readme(out, args, rows, command, train_seconds, total_seconds, rewind_iteration):
    head = rows[0]['head']
    lines = [
        '# Demo bundle: Fashion-MNIST pruning zoo',
        '',
        'Generated by `tools/zoo/train_zoo.py` — do not edit by hand; rerun the script instead.'
        + ('\n\n**SMOKE RUN** (2,048 training images, one epoch per stage): the models are not meant to be used.' if args.smoke else ''),
        '',
        '## Provenance',
        '',
        f'- Command (from the repository root): `{command}`',
        f'- Seed: {args.seed} (per-stage seeds derived from it; data order from seeded `torch.Generator`s)',
        f'- PyTorch {torch.__version__}, NumPy {np.__version__}, Python {platform.python_version()}, '
        f'{torch.get_num_threads()} CPU thread, `torch.use_deterministic_algorithms(True)`',
        f'- Training data: Fashion-MNIST train set ({"first 2,048" if args.smoke else "all 60,000"} images); '
        'evaluation: the 10,000 test images, shipped here as `data/t10k-*-idx*-ubyte.gz` '
        '(Fashion-MNIST © Zalando SE 2017, MIT licence).',
        f'- Total wall time {total_seconds / 60:.1f} min (training and pruning {train_seconds / 60:.1f} min, the rest evaluation and export).',
        '',
        '## Model',
        '',
        'Input 1×28×28, preprocessing `x/255`, then `(x − 0.2860)/0.3530` (bundle.json `input`).',
        'conv3×3(16)-BN-ReLU-maxpool2 → conv3×3(32)-BN-ReLU-maxpool2 → conv3×3(64)-BN-ReLU-maxpool2 (3×3) → '
        'flatten (576) → Linear(576, 64)-ReLU = **64-d penultimate features** → Linear(64, 10) = logits.',
        f'ONNX: opset 13, input `input` [batch, 1, 28, 28], output `logits` [batch, 10], dynamic batch axis; exported in '
        f'eval mode (BatchNorm folded into the convolutions). Head: `{head["op"]}` '
        f'({", ".join(f"{k}={v}" for k, v in head["attrs"].items())}) whose input `{head["feature_tensor"]}` is the penultimate tensor.',
        '',
        '## Models',
        '',
        'Sparsity: fraction of zero weights over all conv + linear weights (biases and BN excluded), measured on the '
        'PyTorch weights (the exported ONNX Conv/Gemm initializers hold the same zeros); for the structured model, the reduction in conv + linear weight count vs the dense model. '
        'Accuracy: clean top-1, measured with PyTorch.',
        '',
        '| id | method | sparsity | acc@1000 (%) | acc@10000 (%) | train time (s) | details |',
        '|---|---|---|---|---|---|---|',
    ]
    for r in rows:
        detail = r['note']
        if r['id'].startswith('l1filter'):
            detail += f'; channels {r["channels"]}, {r["params"]} weights'
        lines.append(f'| {r["id"]} | {r["method"]} | {r["sparsity"]:.3f} | {r["acc1k"] * 100:.1f} | {r["acc10k"] * 100:.2f} '
                     f'| {r["seconds"]:.0f} | {detail} |')
    lines += [
        '',
        '## Methods',
        '',
        '- **random**: `prune.random_unstructured` per layer (same fraction in every layer), 1 epoch fine-tune (Adam 5e-4, cosine).',
        '- **gmp**: one-shot `prune.global_unstructured` (L1) over all conv + linear weights, 1 epoch fine-tune.',
        '- **lwm**: `prune.l1_unstructured` per layer, same fraction everywhere, 1 epoch fine-tune.',
        f'- **imp**: iterative magnitude pruning with weight rewinding (lottery ticket): 3 rounds, each pruning globally to '
        f'1 − 0.2^(r/3), rewinding the survivors (and BN state) to dense training iteration {rewind_iteration}, and retraining 2 epochs.',
        '- **taylor**: first-order Taylor criterion (w·∂L/∂w)² summed over 40 mini-batches on the trained dense model, global, 1 epoch fine-tune.',
        '- **l1filter**: `prune.ln_structured` (n=1, dim=0) selects the 50 % of filters with the smallest L1 norm in each conv layer; '
        'the network is then rebuilt with fewer channels (conv, BatchNorm, next layer\'s input channels, fc1 input columns), '
        'the 64-d penultimate layer and the classifier keep their size; 2 epochs fine-tune.',
        '- **supermask**: edge-popup; weights fixed at a signed Kaiming constant initialisation (never trained), per-layer top-50 % '
        'of learned scores kept (straight-through gradient), non-affine BN, linear biases fixed at 0; 3 epochs SGD on the scores.',
        '',
        'Masks are made permanent with `prune.remove`, so the zeros are baked into the exported weights.',
        'Corrupted sets are generated by PruneLens at load time (`data.corrupted.generate`: 19 corruptions × 5 severities, seed 1234).',
        '',
    ]
    with open(os.path.join(out, 'README.md'), 'w') as f:
        f.write('\n'.join(lines))


if __name__ == '__main__':
    main()
