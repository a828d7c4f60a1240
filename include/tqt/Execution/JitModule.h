//===- JitModule.h - JIT-compiled tensor programs ---------------*- C++ -*-===//
//
// Lowers a tensor-level module (func + tosa/linalg/tqt) with the
// --tqt-lower-to-llvm pipeline, JIT-compiles it once with MLIR's
// ExecutionEngine, and calls its public functions on host tensors as many
// times as needed. This is the execution layer of tqt-run and of the tools
// that call a model thousands of times (calibration, training).
//
//===----------------------------------------------------------------------===//

#ifndef TQT_EXECUTION_JITMODULE_H
#define TQT_EXECUTION_JITMODULE_H

#include "tqt/Codegen/KernelIsa.h"
#include "tqt/Execution/HostTensor.h"
#include "tqt/Execution/Signature.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <vector>

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mlir {
class ExecutionEngine;
} // namespace mlir

namespace mlir::tqt::exec {

/// The help of every tool's --threads.
inline constexpr const char *kThreadsOptionHelp =
    "Threads of the compiled code: 0 (default) one per core (or "
    "OMP_NUM_THREADS), 1 sequential code, N exactly N; the results are the "
    "same bit for bit for any count";

/// The --threads option of a tool, in `category`, registered on the first
/// call (before the command line is parsed; later calls return it).
/// libLLVM.so registers an undocumented option of that name, which would
/// make a second registration abort; it is unregistered first.
llvm::cl::opt<unsigned> &
getThreadsOption(llvm::cl::OptionCategory &category,
                 llvm::StringRef help = kThreadsOptionHelp);

/// The highest level of LLVM's optimizer pipeline the JIT runs (its code
/// generator takes the level asked for): JitModule.cpp says why.
inline constexpr unsigned kMaxJitOptimizerLevel = 2;

struct JitOptions {
  /// LLVM optimization level of the JIT (0-3): the code generator's; the
  /// optimizer pipeline's, up to kMaxJitOptimizerLevel.
  unsigned optLevel = 3;
  /// CPU to compile for: "host" (the host's micro-architecture level with
  /// its features, the default), "native" (the host model) or an LLVM CPU.
  std::string cpu = "host";
  /// int8 micro-kernels: std::nullopt picks the best the CPU has; an
  /// explicit choice the CPU lacks is an error.
  std::optional<codegen::KernelIsa> kernels;
  /// When not empty, only these public functions (and what they call) are
  /// compiled; other public functions are dropped first.
  std::vector<std::string> entryPoints;
  /// Threads of the compiled code (--tqt-lower-to-llvm's `threads`): 1 is
  /// sequential code; 0 one per core (or OMP_NUM_THREADS); N > 1 exactly N.
  /// Results do not depend on it.
  unsigned threads = 0;
};

class JitModule {
public:
  ~JitModule();

  /// Lowers a clone of `module` and JIT-compiles it. `module` is not changed.
  static llvm::Expected<std::unique_ptr<JitModule>>
  create(mlir::ModuleOp module, const JitOptions &options = {});

  /// The signature of a public function, or why it cannot be called.
  llvm::Expected<const EntrySignature &>
  getSignature(llvm::StringRef name) const;

  /// Calls `name` on `inputs` (checked against its signature) and returns its
  /// results as host tensors. Inputs are never written to.
  llvm::Expected<std::vector<HostTensor>>
  invoke(llvm::StringRef name, llvm::ArrayRef<const HostTensor *> inputs,
         llvm::ArrayRef<std::string> inputNames = {});

  /// The int8 micro-kernels the module was compiled with.
  codegen::KernelIsa getKernels() const { return kernels; }

private:
  JitModule() = default;
  codegen::KernelIsa kernels = codegen::KernelIsa::None;
  std::unique_ptr<mlir::ExecutionEngine> engine;
  std::map<std::string, EntrySignature, std::less<>> signatures;
  std::map<std::string, std::string, std::less<>> unsupported;
  /// The packed C-interface wrapper of every function in `signatures`.
  std::map<std::string, void (*)(void **), std::less<>> packedEntries;
  std::string moduleFunctions;
  mlir::ModuleOp original;
};

/// Runs the lowering pipeline (tqt-lower-to-llvm with C interfaces and
/// `threads`) on `module` in place, with the int8 kernels `requested`
/// resolved against the target's CPU (std::nullopt: the best it has).
/// Returns the kernels used; diagnostics and an ISA the CPU lacks become an
/// llvm::Error.
llvm::Expected<codegen::KernelIsa>
lowerToLLVMDialect(mlir::ModuleOp module, const llvm::TargetMachine &target,
                   unsigned threads,
                   std::optional<codegen::KernelIsa> requested);

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_JITMODULE_H
