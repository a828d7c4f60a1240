//===- TQTAttrs.h - Attributes of the tqt dialect ---------------*- C++ -*-===//

#ifndef TQT_DIALECT_TQT_IR_TQTATTRS_H
#define TQT_DIALECT_TQT_IR_TQTATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"
#include "tqt/Support/FixedPoint.h"

#include "tqt/Dialect/TQT/IR/TQTEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "tqt/Dialect/TQT/IR/TQTAttrs.h.inc"

namespace mlir::tqt {
/// The numerics reference's view of a rounding mode.
::mlir::tqt::numerics::Rounding toNumerics(RoundingMode mode);
} // namespace mlir::tqt

#endif // TQT_DIALECT_TQT_IR_TQTATTRS_H
