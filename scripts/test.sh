#!/usr/bin/env bash
# Sets up and builds (scripts/setup.sh), then runs every test through ctest:
# the lit suite, the GoogleTest suites and the generated-docs check.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TQT_BUILD_DIR:-$root/build}"

"$root/scripts/setup.sh"
cd "$build"
ctest --output-on-failure -j "$(nproc)" "$@"
