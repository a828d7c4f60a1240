//===- Passes.h - tqt code generator passes ---------------------*- C++ -*-===//

#ifndef TQT_CODEGEN_PASSES_H
#define TQT_CODEGEN_PASSES_H

#include "tqt/Codegen/KernelIsa.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tqt {

#define GEN_PASS_DECL
#include "tqt/Codegen/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tqt/Codegen/Passes.h.inc"

} // namespace mlir::tqt

#endif // TQT_CODEGEN_PASSES_H
