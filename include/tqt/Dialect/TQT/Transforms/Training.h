//===- Training.h - The training-step interface -----------------*- C++ -*-===//
//
// What --tqt-expand-training generates and tqt-train relies on: the names of
// the generated functions, the attributes that say what each argument and
// result is (docs/Training.md), and the promotion of constant weights to
// parameter globals (and back, once trained).
//
//===----------------------------------------------------------------------===//

#ifndef TQT_DIALECT_TQT_TRANSFORMS_TRAINING_H
#define TQT_DIALECT_TQT_TRANSFORMS_TRAINING_H

#include "tqt/Dialect/TQT/IR/TQTDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace mlir::tqt {

/// String attribute on every argument and result of the generated functions:
/// param, adam_m, adam_v, step, frozen, input, labels, target (arguments);
/// param, adam_m, adam_v, loss, output, grad, threshold_grads, lr_weights,
/// lr_thresholds (results).
inline constexpr llvm::StringLiteral kTrainRoleAttr = "tqt.train.role";
/// The parameter global (a FlatSymbolRefAttr) of param / adam_m / adam_v /
/// grad arguments and results.
inline constexpr llvm::StringLiteral kTrainGlobalAttr = "tqt.train.global";
/// "weights" or "thresholds" on param arguments.
inline constexpr llvm::StringLiteral kTrainGroupAttr = "tqt.train.group";
/// Unit attribute on globals created from constant weights.
inline constexpr llvm::StringLiteral kPromotedAttr =
    TQTDialect::PromotedAttrHelper::getNameStr();

inline std::string trainStepName(llvm::StringRef entry) {
  return (entry + "_train_step").str();
}
inline std::string gradName(llvm::StringRef entry) {
  return (entry + "_grad").str();
}
inline std::string evalName(llvm::StringRef entry) {
  return (entry + "_eval").str();
}

/// Turns the float constants that act as weights and biases of `func` into
/// private globals marked `tqt.promoted`, loaded where the constants were:
/// the weights of conv2d, depthwise_conv2d (not average pools, marked
/// tqt.avgpool) and matmul, convolution biases that are not all zero, and the
/// constant operand of an add whose other operand is computed (a bias after a
/// matmul or split off by quantizer insertion); quantized ones through their
/// tqt.fake_quant. Returns how many were promoted.
unsigned promoteTrainableConstants(func::FuncOp func);

/// Replaces every load of a `tqt.promoted` global by a tosa.const of the
/// global's value and erases those globals: a trained model keeps the form
/// it came in.
void demotePromotedGlobals(ModuleOp module);

} // namespace mlir::tqt

#endif // TQT_DIALECT_TQT_TRANSFORMS_TRAINING_H
