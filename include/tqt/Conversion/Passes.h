//===- Passes.h - tqt conversion passes -------------------------*- C++ -*-===//

#ifndef TQT_CONVERSION_PASSES_H
#define TQT_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::tqt {

#define GEN_PASS_DECL
#include "tqt/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tqt/Conversion/Passes.h.inc"

} // namespace mlir::tqt

#endif // TQT_CONVERSION_PASSES_H
