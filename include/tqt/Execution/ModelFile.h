//===- ModelFile.h - Loading a model for the tools --------------*- C++ -*-===//
//
// What every tool does first: parse MODEL.mlir (or stdin) with diagnostics
// that point at file:line:col for as long as the module lives, and resolve
// which function to use.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_EXECUTION_MODELFILE_H
#define TQT_EXECUTION_MODELFILE_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/SourceMgr.h"

#include <memory>
#include <string>

namespace mlir {
class MLIRContext;
class SourceMgrDiagnosticHandler;
} // namespace mlir

namespace mlir::tqt::exec {

class ModelFile {
public:
  ~ModelFile();

  /// Parses `path` ("-" for stdin). On a parse error the diagnostic has
  /// already been printed and the result is null with `error` empty; when the
  /// file cannot be opened, `error` says why.
  static std::unique_ptr<ModelFile>
  load(llvm::StringRef path, mlir::MLIRContext &context, std::string &error);

  mlir::ModuleOp getModule() { return *module; }

private:
  ModelFile() = default;
  llvm::SourceMgr sourceMgr;
  std::unique_ptr<mlir::SourceMgrDiagnosticHandler> handler;
  mlir::OwningOpRef<mlir::ModuleOp> module;
};

/// "file:line:col" of a location (MLIR's printed form when it has none), for
/// errors reported as llvm::Error rather than diagnostics.
std::string formatLocation(mlir::Location loc);

/// The public function `name` with a body, or an error that says what is
/// wrong and lists the public functions.
llvm::Expected<mlir::func::FuncOp> lookupEntryFunction(mlir::ModuleOp module,
                                                       llvm::StringRef name);

/// `requested` when it names a public function with a body
/// (lookupEntryFunction), else the module's only public function; an error
/// otherwise.
llvm::Expected<std::string> resolveEntryPoint(mlir::ModuleOp module,
                                              llvm::StringRef requested);

/// Makes every public function but `entryPoints` private and drops what they
/// no longer reach (symbol DCE), so only what is needed gets compiled.
llvm::Error keepOnlyEntryPoints(mlir::ModuleOp module,
                                llvm::ArrayRef<std::string> entryPoints);

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_MODELFILE_H
