# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "TQT"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tqt_obj_root, "test")
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))

config.substitutions.append(
    ("%mlir_runner_utils", os.path.join(config.mlir_lib_dir, "libmlir_runner_utils" + ".so")))
config.substitutions.append(
    ("%mlir_c_runner_utils", os.path.join(config.mlir_lib_dir, "libmlir_c_runner_utils" + ".so")))
config.substitutions.append(("%tqt_src_root", config.tqt_src_root))
config.substitutions.append(("%tqt_obj_root", config.tqt_obj_root))

llvm_config.use_default_substitutions()
llvm_config.with_environment("FILECHECK_OPTS", "-enable-var-scope")

llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.tqt_tools_dir, append_path=True)

tool_dirs = [config.tqt_tools_dir, config.llvm_tools_dir]
tools = ["tqt-opt", "tqt-run", "tqt-compile", "tqt-calibrate", "tqt-train"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# Test helpers (standard-library Python): .npy writing/comparison and the
# generator of the op x grid x rounding-mode matrix.
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(
    ("%npytool", config.python_executable + " " +
     os.path.join(config.tqt_src_root, "test", "Integration", "Inputs", "npytool.py")))
config.excludes.append("Inputs")
config.excludes.append("__pycache__")

# The C compiler that tqt-compile uses to link (clang-22 from Debian).
import shutil
cc = shutil.which("clang-22") or shutil.which("clang", path=config.llvm_tools_dir)
if cc:
    config.available_features.add("c-compiler")
    config.substitutions.append(("%cc", cc))
# Linking threaded code compiled by tqt-compile (objects, archives).
config.substitutions.append(
    ("%openmp_link", "%s -Wl,-rpath,%s" % (config.tqt_openmp_runtime,
                                          os.path.dirname(config.tqt_openmp_runtime))))

# Debian's dataset-fashion-mnist (installed by scripts/setup.sh).
if os.path.exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"):
    config.available_features.add("fashion-mnist")

# PyTorch and numpy from Debian (python3-torch, python3-numpy): the gradient
# checks compare against float64 finite differences computed with them.
# matplotlib (the demo's plots) is a feature of its own.
import subprocess
def _imports(modules):
    return subprocess.run([config.python_executable, "-c", "import " + modules],
                          capture_output=True).returncode == 0
if _imports("torch, numpy"):
    config.available_features.add("torch")
if _imports("matplotlib"):
    config.available_features.add("matplotlib")

# The host CPU's instruction sets: kernels run only where the CPU has them
# (elsewhere their tests are UNSUPPORTED, saying which feature is missing);
# their instructions are checked by assembly tests everywhere.
try:
    with open("/proc/cpuinfo") as f:
        _flags = next((l.split(":", 1)[1].split() for l in f if l.startswith("flags")), [])
except OSError:
    _flags = []
if "avx2" in _flags:
    config.available_features.add("cpu-avx2")
if {"avx512f", "avx512bw", "avx512_vnni"} <= set(_flags):
    config.available_features.add("cpu-avx512vnni")
if "avx_vnni" in _flags or {"avx512_vnni", "avx512vl"} <= set(_flags):
    config.available_features.add("cpu-avx-vnni")

# The dialect and pass plugin of upstream mlir-opt (lib/Plugin), and that
# mlir-opt itself (Debian's mlir-22-tools).
config.substitutions.append(
    ("%tqt_plugin", os.path.join(config.tqt_obj_root, "lib", "TQTPlugin.so")))
if os.path.exists(os.path.join(config.llvm_tools_dir, "mlir-opt")):
    config.available_features.add("mlir-opt")
# A sanitizer build (scripts/sanitize.sh): whole torchvision models are left
# to the plain build there (the same code paths run on torchvision's blocks
# under the sanitizers), to keep .ci/run within its time.
if config.tqt_sanitize:
    config.available_features.add("sanitizers")
# Not built with sanitizers (the test is then UNSUPPORTED, visibly).
if config.tqt_build_plugin:
    config.available_features.add("tqt-plugin")

# An out-of-tree project built against `cmake --install` of this build
# (test/Downstream): with this build's compiler, launcher and linker. Not for
# sanitizer builds (the installed archives would need their runtime).
config.substitutions.append(("%cmake", config.cmake_command))
_downstream_args = ["-DCMAKE_CXX_COMPILER=" + config.cxx_compiler,
                    "-DCMAKE_BUILD_TYPE=" + config.build_type]
if config.cxx_compiler_launcher:
    _downstream_args.append("-DCMAKE_CXX_COMPILER_LAUNCHER=" + config.cxx_compiler_launcher)
if config.llvm_use_linker:
    _downstream_args.append("-DLLVM_USE_LINKER=" + config.llvm_use_linker)
config.substitutions.append(("%downstream_cmake_args", " ".join(_downstream_args)))
llvm_config.with_system_environment(["HOME", "CCACHE_DIR", "CCACHE_BASEDIR", "CCACHE_NOHASHDIR"])
if config.tqt_build_plugin:
    config.available_features.add("downstream")

# The Python package (python/tqt_mlir) for the front-end tests.
config.environment["PYTHONPATH"] = os.path.join(config.tqt_src_root, "python")

# Tests that make device nodes (mknod) to check that no tool replaces one.
if hasattr(os, "geteuid") and os.geteuid() == 0:
    config.available_features.add("root")

# CI (and anyone who sets it) names the features that must be there: a
# missing optional dependency then fails the run instead of turning tests
# UNSUPPORTED without a word. .ci/run sets every feature.
_required = os.environ.get("TQT_REQUIRE_FEATURES", "").split()
_missing = [f for f in _required if f not in config.available_features]
if _missing:
    lit_config.fatal("TQT_REQUIRE_FEATURES: missing " + ", ".join(_missing) +
                     " (scripts/setup.sh installs torch, matplotlib, fashion-mnist and "
                     "the c-compiler; root is needed for the device-node tests)")
