#!/usr/bin/env bash
# Builds tqt-mlir with AddressSanitizer + UndefinedBehaviorSanitizer (and
# libFuzzer coverage) into build-asan/ (or $TQT_ASAN_BUILD_DIR), runs every
# test there (ctest: the lit suite and the GoogleTest suites), then a short,
# deterministic run of the fuzz target (scripts/fuzz.sh). CI runs it after
# scripts/test.sh. docs/Fuzzing.md has the details.
#
#   scripts/sanitize.sh              build + tests + a 60,000-input fuzz run (about a minute)
#   TQT_FUZZ_RUNS=0 scripts/sanitize.sh   build + tests only
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TQT_ASAN_BUILD_DIR:-$root/build-asan}"

TQT_BUILD_DIR="$build" \
TQT_CMAKE_ARGS="-DTQT_SANITIZE=address,undefined -DTQT_BUILD_FUZZERS=ON" \
  "$root/scripts/setup.sh"

# A sanitizer report aborts (so `not tool ...` in a lit test cannot pass on
# one); leaks are reported too. allow_user_poisoning=0: LLVM's allocators
# poison memory from their inline (instrumented) header code, which Debian's
# uninstrumented MLIR libraries then legitimately write to.
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:allow_user_poisoning=0:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="abort_on_error=1:halt_on_error=1:print_stacktrace=1"
export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-22/bin/llvm-symbolizer
(cd "$build" && ctest --output-on-failure -j "$(nproc)")

if [ "${TQT_FUZZ_RUNS:-60000}" != 0 ]; then
  TQT_BUILD_DIR="$build" "$root/scripts/fuzz.sh" --runs "${TQT_FUZZ_RUNS:-60000}"
fi
