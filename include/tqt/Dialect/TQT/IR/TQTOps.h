//===- TQTOps.h - Operations of the tqt dialect -----------------*- C++ -*-===//

#ifndef TQT_DIALECT_TQT_IR_TQTOPS_H
#define TQT_DIALECT_TQT_IR_TQTOPS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "tqt/Dialect/TQT/IR/TQTAttrs.h"
#include "tqt/Dialect/TQT/IR/TQTDialect.h"
#include "tqt/Support/FixedPoint.h"

#define GET_OP_CLASSES
#include "tqt/Dialect/TQT/IR/TQTOps.h.inc"

#endif // TQT_DIALECT_TQT_IR_TQTOPS_H
