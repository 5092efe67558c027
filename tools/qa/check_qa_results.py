#!/usr/bin/env python3
"""Checks `prunelens analyze` output for the QA bundle against PyTorch's own evaluation.

Reads <bundle>/reference.json and ref-<model>-{features,logits}.npy (make_qa_bundle.py) and the
clean rows of <out>/samples.csv, and recomputes every per-sample column independently with NumPy
from the PyTorch features/logits and the head (W, b = the ONNX file's last Gemm). Prints, per
model: accuracy both ways, prediction agreement and the largest deviation per column; exits 1
when an accuracy differs (float32 models: exactly; float16: by ≤ 0.5 point) or a column deviates
beyond its tolerance.

    /usr/bin/python3 tools/qa/check_qa_results.py /tmp/qa-bundle /tmp/qa-out
"""
import csv
import json
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def head(path):
    proto = onnx.load(path)
    inits = {i.name: numpy_helper.to_array(i).astype(np.float64) for i in proto.graph.initializer}
    gemm = [n for n in proto.graph.node if n.op_type == 'Gemm'][-1]
    return inits[gemm.input[1]], inits[gemm.input[2]]  # W (C×d, transB=1), b


def expected(feats, logits, labels, w, b):
    f, z = feats.astype(np.float64), logits.astype(np.float64)
    n = len(labels)
    rows = np.arange(n)
    length = np.linalg.norm(f, axis=1)
    wn = w / np.linalg.norm(w, axis=1, keepdims=True)
    cos = (f @ wn.T) / np.where(length > 0, length, 1)[:, None]
    angles = np.degrees(np.arccos(np.clip(cos, -1, 1)))
    pred = z.argmax(1)
    other = z.copy()
    other[rows, labels] = -np.inf
    rival_angles = angles.copy()
    rival_angles[rows, labels] = np.inf  # nearest class other than the true one
    zy = z[rows, labels]
    gm = np.full(n, np.inf)
    for c in range(w.shape[0]):
        d = np.linalg.norm(w[labels] - w[c], axis=1)
        m = np.where(labels == c, np.inf, (zy - z[:, c]) / np.where(d > 0, d, 1))
        gm = np.minimum(gm, m)
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    return {
        'pred': pred, 'length': length, 'angle_gt': angles[rows, labels], 'angle_pred': angles[rows, pred],
        'angle_rival': rival_angles.min(1), 'logit_margin': zy - other.max(1), 'geom_margin': gm,
        'confidence': p[rows, labels], 'entropy': -(p * np.log(np.maximum(p, 1e-300))).sum(1),
    }


def main():
    bundle, out = sys.argv[1], sys.argv[2]
    ref = json.load(open(os.path.join(bundle, 'reference.json')))
    labels = np.load(os.path.join(bundle, 'data', 'test_labels.npy'))
    rows = {}
    with open(os.path.join(out, 'samples.csv')) as f:
        for r in csv.DictReader(f):
            if r['corruption'] == 'clean':
                rows.setdefault(r['model'], []).append(r)
    failed = False
    for name, info in ref['models'].items():
        got = sorted(rows[name], key=lambda r: int(r['index']))
        idx = np.array([int(r['index']) for r in got])
        feats = np.load(os.path.join(bundle, f'ref-{name}-features.npy'))[idx]
        logits = np.load(os.path.join(bundle, f'ref-{name}-logits.npy'))[idx]
        w, b = head(os.path.join(bundle, 'models', f'{name}.onnx'))
        exp = expected(feats, logits, labels[idx], w, b)
        acc_pl = np.mean([r['correct'] == '1' for r in got])
        acc_pt = np.mean(np.array(info['pred'])[idx] == labels[idx])
        agree = np.mean(np.array([int(r['pred']) for r in got]) == exp['pred'])
        f16 = info['float16']
        # float16 features in the cache: length within 1e-3 relative, angles within 0.057° (README);
        # the float16 model is computed in float16 by onnxruntime, in float32 (rounded weights) here
        tol = {'length': 5e-3 if f16 else 1.5e-3, 'angle_gt': 0.5 if f16 else 0.1, 'angle_pred': 0.5 if f16 else 0.1,
               'angle_rival': 0.5 if f16 else 0.1, 'logit_margin': 0.05 if f16 else 1e-3, 'geom_margin': 0.05 if f16 else 1e-3,
               'confidence': 0.01 if f16 else 1e-4, 'entropy': 0.01 if f16 else 1e-4}
        devs = {}
        for col, t in tol.items():
            g = np.array([float(r[col]) if r[col] != '' else np.nan for r in got])
            e = exp[col]
            scale = np.maximum(1, np.abs(e)) if col == 'length' else 1
            d = np.nanmax(np.abs(g - e) / scale) if col == 'length' else np.nanmax(np.abs(g - e))
            devs[col] = d
            if not d <= t:
                failed = True
        ok_acc = abs(acc_pl - acc_pt) <= (0.005 if f16 else 0)
        failed |= not ok_acc
        print(f'{name:16s} acc PruneLens {acc_pl:.4f} PyTorch {acc_pt:.4f} {"OK" if ok_acc else "MISMATCH"} '
              f'agree {agree:.4f} ' + ' '.join(f'{k}={v:.2g}' for k, v in devs.items()))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
