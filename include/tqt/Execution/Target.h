//===- Target.h - The CPU compiled code targets -----------------*- C++ -*-===//
//
// JIT and AOT compile for the host's instruction set by default. The CPU
// *name* is the x86-64 micro-architecture level of the host (x86-64-v2/v3/
// v4) rather than the host model itself: same instructions, but LLVM's
// generic scheduling model compiles the large straight-line functions of
// models several times faster than, e.g., znver3's (measured 3.7 s vs
// 14.5 s of llc -O2 on the integration test matrix).
//
//===----------------------------------------------------------------------===//

#ifndef TQT_EXECUTION_TARGET_H
#define TQT_EXECUTION_TARGET_H

#include "llvm/Support/CodeGen.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mlir::tqt::exec {

/// "host" resolves to hostMicroArchitecture() with the host's features;
/// "native" is the host CPU model itself; any other name is passed to LLVM.
std::string hostMicroArchitecture();

/// A target machine for the host triple and `cpu` (see above), with the
/// host's features when `cpu` is "host" or "native"; `pic` for shared
/// libraries, `jit` for the ExecutionEngine.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createHostTargetMachine(llvm::StringRef cpu, llvm::CodeGenOptLevel level,
                        bool pic = false, bool jit = false);

/// The OpenMP runtime (libomp) that threaded code calls: the JIT loads it,
/// tqt-compile links executables and shared libraries with it. Found when
/// the project was configured (TQT_OPENMP_RUNTIME in CMake).
llvm::StringRef getOpenMPRuntimePath();

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_TARGET_H
