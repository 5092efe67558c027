#!/usr/bin/env bash
# Packs what tools/device/gpu-bench.sh needs on a bare GPU machine (no node, no node_modules, no
# network) into .cache/gpu-carry (ignored by git, ~40 MiB): this machine's node binary,
# onnxruntime-node's linux-x64 runtime with onnxruntime-common, the benchmarks compiled to
# JavaScript (tools/build/build-node.mjs --benches: no tsx needed there) and, for the WebGPU
# provider, the Vulkan/EGL loader packages (apt-get download). gpu-bench.sh unpacks it when node or
# node_modules is missing. The 3-D frame-rate step also needs Chromium and the full node_modules,
# so it is skipped on such a machine.
# Usage: bash tools/device/pack-carry.sh   then run gpu-bench.sh there with carry ['.cache/gpu-carry'].
set -euo pipefail
cd "$(dirname "$0")/../.."
DEST=.cache/gpu-carry
rm -rf "$DEST"
mkdir -p "$DEST/gl"
node tools/build/build-node.mjs --benches --outdir "$DEST/bench"
rm -f "$DEST"/bench/*.map
NODE_BIN="$(readlink -f "$(command -v node)")"
tar -C "$(dirname "$NODE_BIN")" -cf - "$(basename "$NODE_BIN")" | xz -T0 -6 >"$DEST/node.tar.xz"
tar -cf - node_modules/onnxruntime-common node_modules/onnxruntime-node/package.json node_modules/onnxruntime-node/dist \
  node_modules/onnxruntime-node/bin/napi-v6/linux/x64 | xz -T0 -6 >"$DEST/node_modules.tar.xz"
if (cd "$DEST/gl" && apt-get download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 >/dev/null 2>&1); then
  echo "Vulkan/EGL loaders: $(ls "$DEST/gl" | tr '\n' ' ')"
else
  echo "apt-get download of the Vulkan/EGL loaders failed: WebGPU may find no adapter there." >&2
fi
du -sh "$DEST"
