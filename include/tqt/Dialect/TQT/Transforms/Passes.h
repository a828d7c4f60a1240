//===- Passes.h - tqt dialect passes ----------------------------*- C++ -*-===//

#ifndef TQT_DIALECT_TQT_TRANSFORMS_PASSES_H
#define TQT_DIALECT_TQT_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "tqt/Dialect/TQT/IR/TQTAttrs.h"
#include "tqt/Dialect/TQT/IR/TQTDialect.h"

namespace mlir::tqt {

/// The loss of --tqt-expand-training's generated step.
enum class TrainingLoss { CrossEntropy, MeanSquaredError };

#define GEN_PASS_DECL
#include "tqt/Dialect/TQT/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tqt/Dialect/TQT/Transforms/Passes.h.inc"

} // namespace mlir::tqt

#endif // TQT_DIALECT_TQT_TRANSFORMS_PASSES_H
