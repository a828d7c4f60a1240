#!/usr/bin/env bash
# The README's main-job command. For now it builds the project and runs the
# example fixed-point layer through tqt-opt: every tqt op on constant data
# folds to the numbers of the numerics reference (docs/Numerics.md).
# Later issues grow this into the full flow (calibrate, train, fuse, compile).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TQT_BUILD_DIR:-$root/build}"

echo "== [1/3] set up and build (scripts/setup.sh)"
"$root/scripts/setup.sh"

example="$root/examples/quantized_layer.mlir"
echo
echo "== [2/3] the example layer as written ($example)"
"$build/bin/tqt-opt" "$example"

echo
echo "== [3/3] folded by tqt-opt --canonicalize with the numerics reference"
"$build/bin/tqt-opt" --canonicalize "$example"
