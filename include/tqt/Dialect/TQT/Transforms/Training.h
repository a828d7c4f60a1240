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
#include "llvm/Support/Error.h"

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

/// The values of kTrainRoleAttr and kTrainGroupAttr.
namespace train_role {
inline constexpr llvm::StringLiteral kParam = "param";
inline constexpr llvm::StringLiteral kAdamM = "adam_m";
inline constexpr llvm::StringLiteral kAdamV = "adam_v";
inline constexpr llvm::StringLiteral kStep = "step";
inline constexpr llvm::StringLiteral kFrozen = "frozen";
inline constexpr llvm::StringLiteral kInput = "input";
inline constexpr llvm::StringLiteral kLabels = "labels";
inline constexpr llvm::StringLiteral kTarget = "target";
inline constexpr llvm::StringLiteral kLoss = "loss";
inline constexpr llvm::StringLiteral kOutput = "output";
inline constexpr llvm::StringLiteral kGrad = "grad";
inline constexpr llvm::StringLiteral kThresholdGrads = "threshold_grads";
inline constexpr llvm::StringLiteral kLrWeights = "lr_weights";
inline constexpr llvm::StringLiteral kLrThresholds = "lr_thresholds";
/// Groups of param arguments.
inline constexpr llvm::StringLiteral kWeightsGroup = "weights";
inline constexpr llvm::StringLiteral kThresholdsGroup = "thresholds";
} // namespace train_role

/// Where each argument and result of the generated `@F_train_step` is
/// (docs/Training.md). --tqt-expand-training builds the function by it and
/// tqt-train calls it by it, reading it back from the role attributes.
///
///   arguments: param x P, adam_m x P, adam_v x P, step, frozen (only with
///              T > 0 thresholds among the P parameters), input x I,
///              labels (or target)
///   results:   param x P, adam_m x P, adam_v x P, loss, output,
///              threshold_grads (only with T > 0), lr_weights, lr_thresholds
class TrainStepLayout {
public:
  TrainStepLayout(unsigned numParams, unsigned numThresholds,
                  unsigned numInputs)
      : np(numParams), nt(numThresholds), ni(numInputs) {}

  /// The layout of a generated step, from its role attributes; an error
  /// naming the first argument or result that is not where the layout puts
  /// it.
  static llvm::Expected<TrainStepLayout> read(func::FuncOp step);

  unsigned getNumParams() const { return np; }
  unsigned getNumThresholds() const { return nt; }
  unsigned getNumInputs() const { return ni; }

  // Arguments.
  unsigned paramArg(unsigned i) const { return i; }
  unsigned adamMArg(unsigned i) const { return np + i; }
  unsigned adamVArg(unsigned i) const { return 2 * np + i; }
  unsigned stepArg() const { return 3 * np; }
  /// Only with thresholds.
  unsigned frozenArg() const { return 3 * np + 1; }
  unsigned inputArg(unsigned i) const { return 3 * np + 1 + (nt ? 1 : 0) + i; }
  unsigned labelsArg() const { return inputArg(ni); }
  unsigned getNumArguments() const { return labelsArg() + 1; }

  // Results.
  unsigned paramResult(unsigned i) const { return i; }
  unsigned adamMResult(unsigned i) const { return np + i; }
  unsigned adamVResult(unsigned i) const { return 2 * np + i; }
  unsigned lossResult() const { return 3 * np; }
  unsigned outputResult() const { return 3 * np + 1; }
  /// Only with thresholds.
  unsigned thresholdGradsResult() const { return 3 * np + 2; }
  unsigned lrWeightsResult() const { return 3 * np + 2 + (nt ? 1 : 0); }
  unsigned lrThresholdsResult() const { return lrWeightsResult() + 1; }
  unsigned getNumResults() const { return lrThresholdsResult() + 1; }

  /// The role of argument / result `k` (kLabels for the labels-or-target
  /// argument).
  llvm::StringRef argumentRole(unsigned k) const;
  llvm::StringRef resultRole(unsigned k) const;

private:
  unsigned np, nt, ni;
};

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
