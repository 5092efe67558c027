#!/usr/bin/env bash
# QA of PruneLens on a bundle a pruning researcher would bring (not the demo, not the fixtures):
# generate it with PyTorch (make_qa_bundle.py), then do what the README says a researcher does —
# init with the bundle's own normalisation, validate, analyze with generated corruptions, report —
# and check every clean-set number against PyTorch (check_qa_results.py). Needs Debian's
# python3-torch, python3-onnx and python3-numpy; about two minutes on two cores.
#
#   bash tools/qa/run-qa.sh [bundle dir, default /tmp/qa-bundle] [results dir, default /tmp/qa-out]
set -euo pipefail
BUNDLE=${1:-/tmp/qa-bundle}
RESULTS=${2:-/tmp/qa-out}
export PRUNELENS_CACHE=${PRUNELENS_CACHE:-/tmp/qa-cache}
cd "$(dirname "$0")/../.."

/usr/bin/python3 tools/qa/make_qa_bundle.py --out "$BUNDLE"
npx prunelens init "$BUNDLE" --force --mean 0.35,0.34,0.33 --std 0.21,0.19,0.20 --name "QA synthetic shapes"
# What the researcher fills in after init: class names and the corruptions to generate.
/usr/bin/python3 - "$BUNDLE/bundle.json" <<'PY'
import json, sys
sys.path.insert(0, 'tools/qa')
from qa_data import CLASSES
path = sys.argv[1]
manifest = json.load(open(path))
manifest['classes'] = CLASSES
manifest['data']['corrupted'] = {'generate': {'corruptions': ['gaussian_noise', 'defocus_blur', 'fog', 'jpeg_compression'], 'severities': [1, 3, 5], 'seed': 1234}}
json.dump(manifest, open(path, 'w'), indent=2)
PY
npx prunelens validate "$BUNDLE"
npx prunelens analyze "$BUNDLE" --out "$RESULTS"
npx prunelens report "$BUNDLE" --out "$RESULTS/report.html"
/usr/bin/python3 tools/qa/check_qa_results.py "$BUNDLE" "$RESULTS"
