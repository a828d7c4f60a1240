//===- TQTOps.h - Operations of the tqt dialect -----------------*- C++ -*-===//

#ifndef TQT_DIALECT_TQT_IR_TQTOPS_H
#define TQT_DIALECT_TQT_IR_TQTOPS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "tqt/Dialect/TQT/IR/ChannelParams.h"
#include "tqt/Dialect/TQT/IR/TQTAttrs.h"
#include "tqt/Dialect/TQT/IR/TQTDialect.h"
#include "tqt/Support/Activations.h"
#include "tqt/Support/FixedPoint.h"

#define GET_OP_CLASSES
#include "tqt/Dialect/TQT/IR/TQTOps.h.inc"

namespace mlir::tqt {
/// Evaluates a tqt op on dense constant operands with the numerics reference
/// (FixedPoint.h); result shapes are the operands' static shapes. This is
/// what the folders and the reference interpreter of the tools compute.
/// Fails when an operand is not a dense constant of the expected kind.
LogicalResult evaluate(Operation *op, ArrayRef<Attribute> operands,
                       SmallVectorImpl<Attribute> &results);

/// The value of a one-element dense f32 attribute (a log2 threshold), if
/// `attr` is one.
std::optional<float> getScalarF32(Attribute attr);

/// The f32 values of a dense or dense_resource f32 attribute (log2
/// thresholds, one or one per channel), if `attr` is one.
std::optional<SmallVector<float>> getF32Values(Attribute attr);

/// The f32 elements of a constant's value as a dense attribute: `dense`
/// values as they are, `dense_resource` blobs (how exporters store weights)
/// copied into one; null for anything else.
DenseFPElementsAttr getDenseF32(Attribute attr);
} // namespace mlir::tqt

#endif // TQT_DIALECT_TQT_IR_TQTOPS_H
