//===- GradientRules.h - Vector-Jacobian products of model ops --*- C++ -*-===//
//
// The reverse-mode rule of every op --tqt-expand-training differentiates
// (docs/Training.md lists them with their conventions at kinks and ties).
//
//===----------------------------------------------------------------------===//

#ifndef TQT_LIB_DIALECT_TQT_TRANSFORMS_GRADIENTRULES_H
#define TQT_LIB_DIALECT_TQT_TRANSFORMS_GRADIENTRULES_H

#include "TensorBuilder.h"

#include "mlir/IR/Operation.h"

namespace mlir::tqt {

/// Ops that carry no gradient and need no rule (constants, parameter loads).
bool isGradientLeaf(Operation *op);

/// Given the gradients of `op`'s results (null where none reaches them),
/// sets `operandGrads[i]` for each operand with `needed[i]` (null means a
/// zero gradient). Ops without a rule get a diagnostic naming them.
LogicalResult computeOperandGradients(TensorBuilder &tb, Operation *op,
                                      ArrayRef<Value> resultGrads,
                                      ArrayRef<bool> needed,
                                      SmallVectorImpl<Value> &operandGrads);

} // namespace mlir::tqt

#endif // TQT_LIB_DIALECT_TQT_TRANSFORMS_GRADIENTRULES_H
