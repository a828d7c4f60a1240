#!/usr/bin/env bash
# The README's main-job command: sets up and builds (scripts/setup.sh), then
# runs the end-to-end demo (scripts/demo.py) on the embedded MobileNet-v1-
# style model (examples/fashion_mnist/model.mlir) and the whole Fashion-MNIST
# test split: FP32, INT8 static, INT8 weights retrained, INT8 TQT, INT4 TQT,
# each as an integer-only program; writes results/ (CSV, PNG plots, training
# logs), compiles the final INT8 program to a native executable, checks its
# logits against the simulation graph and reports its latency against FP32.
#
#   scripts/demo.sh [demo.py options, e.g. --steps 400 --eval-samples 2000]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TQT_BUILD_DIR:-$root/build}"

echo "== set up and build (scripts/setup.sh)"
"$root/scripts/setup.sh"

echo
echo "== end-to-end demo (scripts/demo.py)"
exec /usr/bin/python3 "$root/scripts/demo.py" --build "$build" "$@"
