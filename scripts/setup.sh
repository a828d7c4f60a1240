#!/usr/bin/env bash
# Installs what tqt-mlir needs from Debian's archive (only what is missing),
# then configures and builds into build/ (or $TQT_BUILD_DIR).
#
#   scripts/setup.sh            install + configure + build
#   TQT_BUILD_TYPE=RelWithDebInfo scripts/setup.sh
#   TQT_BUILD_DIR=build-x TQT_CMAKE_ARGS="-DTQT_SANITIZE=address" scripts/setup.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TQT_BUILD_DIR:-$root/build}"
build_type="${TQT_BUILD_TYPE:-Release}"

packages=(
  cmake ninja-build ccache zlib1g-dev libgtest-dev libgmock-dev
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools clang-22 lld-22
  libclang-rt-22-dev libomp-22-dev
  python3 python3-numpy python3-torch python3-torchvision python3-matplotlib
  dataset-fashion-mnist
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends "${missing[@]}"
fi

launcher=()
if command -v ccache >/dev/null 2>&1; then
  # A fresh clone hits the cache only with these two (see docs/Building.md).
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$root")}"
  export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

linker=()
if command -v ld.lld-22 >/dev/null 2>&1 || [ -x /usr/lib/llvm-22/bin/ld.lld ]; then
  # clang-22 resolves -fuse-ld=lld to its own ld.lld (22), not /usr/bin's 14.
  linker=(-DLLVM_USE_LINKER=lld)
fi

if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE="$build_type" \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DPython3_EXECUTABLE=/usr/bin/python3 \
    "${launcher[@]}" "${linker[@]}" ${TQT_CMAKE_ARGS:-}
fi
cmake --build "$build"
