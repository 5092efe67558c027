#!/usr/bin/env python3
"""Checks PruneLens .npy exports with NumPy itself (run by electron/engine/report/exports.test.ts).

Usage: check-npy-exports.py EXPECTATIONS.json

EXPECTATIONS.json lists {"file", "kind", "shape", and per kind: "length" (features: the per-sample
feature norms the engine reported), "pred" (logits: the predicted classes), "coords" (projection:
the coordinates getProjection returned, row-major)}. Prints one line per file; exits 1 on the
first mismatch.
"""
import json
import sys

import numpy as np


def check(entry):
    array = np.load(entry["file"], allow_pickle=False)
    name = entry["file"].rsplit("/", 1)[-1]
    assert array.dtype == np.float32, f"{name}: dtype {array.dtype}, expected float32"
    assert list(array.shape) == entry["shape"], f"{name}: shape {array.shape}, expected {entry['shape']}"
    assert array.flags["C_CONTIGUOUS"], f"{name}: not C order"
    kind = entry["kind"]
    if kind == "features":
        norms = np.linalg.norm(array.astype(np.float64), axis=1)
        np.testing.assert_allclose(norms, entry["length"], rtol=1e-5, atol=1e-5, err_msg=f"{name}: feature norms")
    elif kind == "logits":
        pred = np.argmax(array, axis=1)
        mismatches = int(np.sum(pred != np.asarray(entry["pred"])))
        assert mismatches == 0, f"{name}: argmax differs from the engine's prediction on {mismatches} samples"
    elif kind == "projection":
        np.testing.assert_allclose(array.reshape(-1), np.asarray(entry["coords"], dtype=np.float32), rtol=0, atol=0, err_msg=f"{name}: coordinates")
    else:
        raise AssertionError(f"unknown kind {kind}")
    print(f"ok {name} {kind} {array.dtype} {array.shape}")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        entries = json.load(f)
    try:
        for entry in entries:
            check(entry)
    except AssertionError as error:
        print(f"FAIL {error}")
        sys.exit(1)


if __name__ == "__main__":
    main()
