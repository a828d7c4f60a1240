#!/usr/bin/env bash
# Runs the libFuzzer target fuzz/tqt-opt-fuzzer (built by scripts/sanitize.sh
# into build-asan/) on a seed corpus made from the lit tests (one seed per
# `// -----` section), with the dialect's dictionary (fuzz/tqt.dict).
#
#   scripts/fuzz.sh --runs 60000         deterministic (-seed=1), what CI runs
#   scripts/fuzz.sh --time 3600 [--jobs 2]   the long run (docs/Fuzzing.md)
#   scripts/fuzz.sh --time 60 -- -only_ascii=1   extra libFuzzer flags after --
#
# New inputs go to $build/fuzz-run/corpus, crashes to $build/fuzz-run/artifacts
# ($TQT_FUZZ_WORK instead of $build/fuzz-run when set)
# (the script then exits non-zero and prints the reproducer's path).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TQT_BUILD_DIR:-$root/build-asan}"
fuzzer="$build/bin/tqt-opt-fuzzer"
runs="" time="" jobs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --time) time="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "fuzz.sh: unknown option $1 (--runs N | --time S [--jobs J] [-- libFuzzer flags])" >&2; exit 2 ;;
  esac
done
if [ -z "$runs" ] && [ -z "$time" ]; then
  echo "fuzz.sh: give --runs N or --time SECONDS" >&2
  exit 2
fi
if [ ! -x "$fuzzer" ]; then
  echo "fuzz.sh: $fuzzer is missing: build it with scripts/sanitize.sh" >&2
  exit 2
fi

work="${TQT_FUZZ_WORK:-$build/fuzz-run}"
seeds="$work/seeds"
mkdir -p "$work/corpus" "$work/artifacts"
rm -rf "$seeds"
mkdir -p "$seeds"
/usr/bin/python3 - "$root/test" "$seeds" <<'PY'
import pathlib, sys
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
n = 0
for f in sorted(src.rglob("*.mlir")):
    if "Inputs" in f.parts:
        continue
    for part in f.read_text().split("// -----"):
        # RUN/CHECK lines are comments: keep them out of the seeds.
        lines = [l for l in part.splitlines() if not l.lstrip().startswith("//")]
        text = "\n".join(lines).strip() + "\n"
        if 20 < len(text) <= 16384:
            (out / f"seed{n:04d}.mlir").write_text(text)
            n += 1
print(f"fuzz.sh: {n} seeds from {src}")
PY

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allow_user_poisoning=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-22/bin/llvm-symbolizer
flags=(-dict="$root/fuzz/tqt.dict" -max_len=16384 -timeout=30
       -rss_limit_mb=4096 -artifact_prefix="$work/artifacts/"
       -print_final_stats=1)
if [ -n "$runs" ]; then
  flags+=(-seed=1 -runs="$runs")
else
  flags+=(-max_total_time="$time")
  if [ "$jobs" -gt 1 ]; then flags+=(-jobs="$jobs" -workers="$jobs"); fi
fi
set +e
"$fuzzer" "${flags[@]}" "$@" "$work/corpus" "$seeds"
rc=$?
set -e
if [ $rc -ne 0 ]; then
  echo "fuzz.sh: the fuzzer found a problem (exit $rc); reproducers in $work/artifacts:" >&2
  ls -1 "$work/artifacts" >&2 || true
  exit 1
fi
echo "fuzz.sh: no crash"
