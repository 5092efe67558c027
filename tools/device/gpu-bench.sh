#!/usr/bin/env bash
# One short GPU benchmark run (< 8 min) for a lent GPU machine (issue #22): bare onnxruntime-node
# per execution provider (CPU, WebGPU, CUDA where its libraries are installed) on the demo models
# and on a ResNet-18-size CIFAR model (made with PyTorch when it is installed), the extraction
# pipeline vs the bare loop per provider (tools/bench/inference-bench.ts), and the 3-D frame-rate
# test (e2e/views-scale.spec.ts) in Chromium on the GPU. Without a GPU (or with --cpu) it runs the
# CPU fallback; --quick makes every step small (the unit test runs `--cpu --quick`).
# Results go to $OUT (default: a new folder under /tmp): summary.md, env.txt, ep-bench.json,
# pipeline.md, gl-renderer.txt, views-scale-perf.json and the whole log, gpu-bench.log.
# Needs node and node_modules (npm ci), or on a bare machine the folder tools/device/pack-carry.sh
# writes (.cache/gpu-carry, carried along); PYTHON (default python3) with torch for the ResNet-18;
# PRUNELENS_BROWSER_GL (default vulkan) picks Chromium's GPU backend.
# Usage: OUT=/path bash tools/device/gpu-bench.sh [--cpu] [--quick]
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2

QUICK=0
FORCE_CPU=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --cpu) FORCE_CPU=1 ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-bench: unknown option '$arg' (--cpu, --quick, --help)" >&2; exit 2 ;;
  esac
done

OUT="${OUT:-$(mktemp -d /tmp/prunelens-gpu-bench-XXXX)}"
mkdir -p "$OUT" || exit 2
WORK="$(mktemp -d /tmp/prunelens-gpu-work-XXXX)"
trap 'rm -rf "$WORK"' EXIT
SUMMARY="$OUT/summary.md"
LOG="$OUT/gpu-bench.log"
: >"$SUMMARY"
: >"$LOG"
PYTHON="${PYTHON:-python3}"
DEADLINE=$((SECONDS + ${GPU_BENCH_BUDGET_S:-470}))
FAILED=0

say() { printf '%s\n' "$*" | tee -a "$SUMMARY" "$LOG"; }
step() { printf '\n== %s (%d s in)\n' "$*" "$SECONDS" | tee -a "$LOG"; }
# run_step CAP_S OUTFILE CMD…: runs CMD with a timeout of min(CAP_S, time left), its output to
# OUTFILE and the log; a failure is recorded (the run goes on).
run_step() {
  local cap=$1 out=$2
  shift 2
  local left=$((DEADLINE - SECONDS))
  if ((left < 15)); then
    say "- SKIPPED (time budget spent): $*"
    return 1
  fi
  ((cap > left)) && cap=$left
  timeout --kill-after=10 "$cap" "$@" >"$out" 2>>"$LOG"
  local rc=$?
  cat "$out" >>"$LOG"
  if ((rc != 0)); then
    FAILED=1
    say "- FAILED (exit $rc$( ((rc == 124)) && echo ", timed out after ${cap} s")): $*"
  fi
  return $rc
}

GPU=0
if ((FORCE_CPU == 0)) && command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then GPU=1; fi
if ((GPU)); then
  MODE=gpu; EPS=cpu,webgpu,cuda; IMAGES=4096; BATCH=256; PIPE_IMAGES=5000; PIPE_MODELS=dense,gmp-80,l1filter-50
elif ((QUICK)); then
  MODE="cpu fallback, quick"; EPS=cpu; IMAGES=128; BATCH=64; PIPE_IMAGES=768; PIPE_MODELS=dense
else
  MODE="cpu fallback"; EPS=cpu; IMAGES=1024; BATCH=256; PIPE_IMAGES=2000; PIPE_MODELS=dense,gmp-80
fi
((GPU && QUICK)) && { IMAGES=512; PIPE_IMAGES=1000; PIPE_MODELS=dense; }
# inference-bench.ts refuses a timed run no larger than its warm-up (2 × 256 images per worker, ≤ 8 workers).
CORES=$(nproc); ((CORES > 8)) && CORES=8
((PIPE_IMAGES <= 512 * CORES)) && PIPE_IMAGES=$((512 * CORES + 512))

say "# PruneLens GPU benchmark ($MODE)"
say ""
step "environment"
{
  date -u
  uname -srm
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cores: $(nproc)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1
  command -v node >/dev/null && echo "node $(node --version)"
} >"$OUT/env.txt" 2>&1
cat "$OUT/env.txt" >>"$LOG"
say "Started $(head -1 "$OUT/env.txt"); $(grep -m1 '^load average' "$OUT/env.txt"); $(grep -m1 '^cores' "$OUT/env.txt")$( ((GPU)) && echo "; GPU: $(nvidia-smi --query-gpu=name --format=csv,noheader | head -1)")."

CARRY=.cache/gpu-carry
if [ -d "$CARRY" ] && { ! command -v node >/dev/null || [ ! -d node_modules/onnxruntime-node ]; }; then
  step "unpacking $CARRY (tools/device/pack-carry.sh)"
  mkdir -p /tmp/gpu-node/bin && xz -dc "$CARRY/node.tar.xz" | tar -C /tmp/gpu-node/bin -xf - && export PATH="/tmp/gpu-node/bin:$PATH"
  [ -d node_modules/onnxruntime-node ] || xz -dc "$CARRY/node_modules.tar.xz" | tar -xf -
  for f in "$CARRY"/gl/*.deb; do [ -f "$f" ] && dpkg -x "$f" / ; done
  ldconfig 2>/dev/null
  [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  say "- unpacked $CARRY: $(node --version 2>&1), onnxruntime-node, compiled benchmarks."
fi
if ! command -v node >/dev/null || [ ! -d node_modules/onnxruntime-node ] || { [ ! -d node_modules/tsx ] && [ ! -f "$CARRY/bench/ep-bench.mjs" ]; }; then
  say "- SKIPPED everything: needs node and node_modules (npm ci) here, or $CARRY from tools/device/pack-carry.sh."
  exit 3
fi
# The benchmarks from their TypeScript (tsx) or, without tsx, compiled in the carry.
if [ -d node_modules/tsx ]; then
  EP_BENCH=(node --import tsx tools/device/ep-bench.ts)
  PIPE_BENCH=(node --import tsx tools/bench/inference-bench.ts)
else
  EP_BENCH=(node "$CARRY/bench/ep-bench.mjs")
  PIPE_BENCH=(node "$CARRY/bench/inference-bench.mjs")
fi

step "ResNet-18 (CIFAR) model"
EXTRA=""
if "$PYTHON" -c 'import torch' >/dev/null 2>&1; then
  if run_step 180 "$WORK/resnet.txt" "$PYTHON" tools/device/make_resnet18_cifar.py "$WORK/resnet18-cifar.onnx"; then
    EXTRA="$WORK/resnet18-cifar.onnx"
    say "- $(head -1 "$WORK/resnet.txt" | sed "s|$WORK/||"); $(sed -n 2p "$WORK/resnet.txt")"
  fi
else
  say "- ResNet-18 skipped: $PYTHON has no torch (set PYTHON to one that has)."
fi

step "bare onnxruntime loop per execution provider"
say ""
say "## Bare onnxruntime-node per execution provider"
say ""
say "\`${EP_BENCH[*]} --eps $EPS --images $IMAGES --batch $BATCH --models dense,gmp-80${EXTRA:+ --extra resnet18-cifar.onnx}\`"
say ""
if run_step 240 "$WORK/ep.md" "${EP_BENCH[@]}" --eps "$EPS" --images "$IMAGES" --batch "$BATCH" --models dense,gmp-80 --extra "$EXTRA" --json "$OUT/ep-bench.json"; then
  sed "s|$WORK/||g" "$WORK/ep.md" >>"$SUMMARY"
fi

step "extraction pipeline vs bare loop per execution provider"
say ""
say "## Pipeline vs bare loop (tools/bench/inference-bench.ts)"
: >"$OUT/pipeline.md"
for ep in ${EPS//,/ }; do
  if [ "$ep" != cpu ] && ! node -e "process.exit(require(process.argv[1]).available.includes(process.argv[2]) ? 0 : 1)" "$OUT/ep-bench.json" "$ep" 2>/dev/null; then
    say "- $ep: not available here, skipped."
    continue
  fi
  say ""
  say "\`${PIPE_BENCH[*]} --images $PIPE_IMAGES --models $PIPE_MODELS --ep $ep\`"
  say ""
  run_step 150 "$WORK/pipe-$ep.md" "${PIPE_BENCH[@]}" --images "$PIPE_IMAGES" --models "$PIPE_MODELS" --ep "$ep" && sed 's/^/    /' "$WORK/pipe-$ep.md" | tee -a "$OUT/pipeline.md" >>"$SUMMARY"
done
# The same on the ResNet-18-size model (GPU runs only: on the CPU fallback it would take minutes).
if ((GPU)) && [ -n "$EXTRA" ]; then
  for ep in ${EPS//,/ }; do
    if [ "$ep" != cpu ] && ! node -e "process.exit(require(process.argv[1]).available.includes(process.argv[2]) ? 0 : 1)" "$OUT/ep-bench.json" "$ep" 2>/dev/null; then continue; fi
    say ""
    say "\`${PIPE_BENCH[*]} --model resnet18-cifar.onnx --images $PIPE_IMAGES --rounds 1 --ep $ep\`"
    say ""
    run_step 150 "$WORK/pipe-resnet-$ep.md" "${PIPE_BENCH[@]}" --model "$EXTRA" --images "$PIPE_IMAGES" --rounds 1 --ep "$ep" && sed 's/^/    /' "$WORK/pipe-resnet-$ep.md" | tee -a "$OUT/pipeline.md" >>"$SUMMARY"
  done
fi

step "3-D frame rate in Chromium"
say ""
say "## 3-D views, 9 × 20,000 points (e2e/views-scale.spec.ts)"
if ((GPU == 0)); then
  say "- skipped without a GPU (the SwiftShader figure comes from the e2e suite)."
elif ! command -v "${PRUNELENS_CHROMIUM:-/usr/bin/chromium}" >/dev/null 2>&1 || [ ! -d node_modules/vitest ]; then
  say "- skipped: needs Chromium at ${PRUNELENS_CHROMIUM:-/usr/bin/chromium} (or PRUNELENS_CHROMIUM) and the full node_modules (npm ci)."
else
  export PRUNELENS_BROWSER_GL="${PRUNELENS_BROWSER_GL:-vulkan}"
  if run_step 60 "$OUT/gl-renderer.txt" node --import tsx tools/device/gl-renderer.ts; then
    say "- $(cat "$OUT/gl-renderer.txt")"
    [ -f dist/renderer/index.html ] || run_step 120 "$WORK/vite.txt" npx vite build --logLevel warn
    run_step 330 "$WORK/scale.txt" npx vitest run --config e2e/vitest.e2e.config.ts e2e/views-scale.spec.ts
    if [ -f e2e/artifacts/views-scale-perf.json ]; then
      cp e2e/artifacts/views-scale-perf.json "$OUT/"
      say "- $(grep -m1 '3-D scale performance' "$WORK/scale.txt" | cut -c1-600)"
    fi
  else
    say "- $(cat "$OUT/gl-renderer.txt") — not a GPU renderer: frame-rate test skipped."
  fi
fi

say ""
say "Finished in $SECONDS s; load average $(cut -d' ' -f1-3 /proc/loadavg); $( ((FAILED)) && echo 'some steps FAILED (see gpu-bench.log)' || echo 'all steps ran')."
echo "Results in $OUT"
exit $FAILED
