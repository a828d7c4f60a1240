//===- Passes.h - tqt dialect passes ----------------------------*- C++ -*-===//

#ifndef TQT_DIALECT_TQT_TRANSFORMS_PASSES_H
#define TQT_DIALECT_TQT_TRANSFORMS_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "tqt/Dialect/TQT/IR/TQTAttrs.h"

namespace mlir::tqt {

/// The loss of --tqt-expand-training's generated step.
enum class TrainingLoss { CrossEntropy, MeanSquaredError };

#define GEN_PASS_DECL
#include "tqt/Dialect/TQT/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tqt/Dialect/TQT/Transforms/Passes.h.inc"

} // namespace mlir::tqt

#endif // TQT_DIALECT_TQT_TRANSFORMS_PASSES_H
