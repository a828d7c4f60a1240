//===- ActivationArith.h - Activation sequences as arith ops ----*- C++ -*-===//
//
// The sequences of include/tqt/Support/Activations.h emitted as scalar arith
// ops (inside linalg bodies): the same template instantiated with a builder
// instead of C++ floats, so the lowering of tqt.activation and the training
// graph's derivative compute what the folder and the integer program's
// lookup tables compute, operation for operation.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_DIALECT_TQT_IR_ACTIVATIONARITH_H
#define TQT_DIALECT_TQT_IR_ACTIVATIONARITH_H

#include "tqt/Support/Activations.h"

#include "mlir/IR/Builders.h"

namespace mlir::tqt {

/// activation(a, x) of the f32 scalar `x`.
Value buildActivation(OpBuilder &b, Location loc, numerics::Activation a,
                      Value x);

/// d activation / dx at the f32 scalar `x`.
Value buildActivationDerivative(OpBuilder &b, Location loc,
                                numerics::Activation a, Value x);

} // namespace mlir::tqt

#endif // TQT_DIALECT_TQT_IR_ACTIVATIONARITH_H
