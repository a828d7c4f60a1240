//===- Interpreter.h - Reference evaluation of tqt functions ----*- C++ -*-===//
//
// Evaluates a function made of tqt ops and constants with the numerics
// reference (FixedPoint.h, through the ops' evaluation hooks) instead of
// compiling it: the golden model that lowered code is compared against.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_EXECUTION_INTERPRETER_H
#define TQT_EXECUTION_INTERPRETER_H

#include "tqt/Execution/HostTensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace mlir::tqt::exec {

/// Evaluates public function `name` of `module` on `inputs`. Supports
/// functions whose body is a single block of tqt ops, arith.constant and
/// func.return; anything else is an error naming the op.
llvm::Expected<std::vector<HostTensor>>
interpretWithReference(mlir::ModuleOp module, llvm::StringRef name,
                       llvm::ArrayRef<const HostTensor *> inputs,
                       llvm::ArrayRef<std::string> inputNames = {});

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_INTERPRETER_H
