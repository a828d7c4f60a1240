//===- AotCompiler.h - Ahead-of-time compilation of models ------*- C++ -*-===//
//
// What tqt-compile does, as a library: lower one entry point of a tensor
// program to LLVM IR, optimize it for a CPU, and write LLVM IR, an object
// file, a static or shared library or an executable, plus the C header.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_EXECUTION_AOTCOMPILER_H
#define TQT_EXECUTION_AOTCOMPILER_H

#include "tqt/Codegen/KernelIsa.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mlir::tqt::exec {

enum class EmitKind {
  LLVMIR,
  Assembly,
  Object,
  StaticLibrary,
  SharedLibrary,
  Executable
};

struct AotOptions {
  std::string entry;
  EmitKind emit = EmitKind::Object;
  std::string output;
  /// Also write the C header of the entry point here (empty: none).
  std::string header;
  /// "host", "native" or an LLVM CPU name (see Target.h).
  std::string cpu = "host";
  unsigned optLevel = 3;
  /// int8 micro-kernels (see JitOptions::kernels), checked against `cpu`.
  std::optional<codegen::KernelIsa> kernels;
  /// C compiler used to link shared libraries and executables.
  std::string cc;
  /// Threads of the compiled code (see JitOptions::threads). Other than 1,
  /// the code calls the OpenMP runtime: executables and shared libraries
  /// are linked with it (getOpenMPRuntimePath()); objects and archives need
  /// it at their link (-lomp).
  unsigned threads = 0;
};

/// Compiles `module` (tensor level; not modified) as `options` say.
llvm::Error compileAheadOfTime(mlir::ModuleOp module,
                               const AotOptions &options);

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_AOTCOMPILER_H
