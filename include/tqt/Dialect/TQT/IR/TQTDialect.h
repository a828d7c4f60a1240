//===- TQTDialect.h - The tqt dialect ---------------------------*- C++ -*-===//

#ifndef TQT_DIALECT_TQT_IR_TQTDIALECT_H
#define TQT_DIALECT_TQT_IR_TQTDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Dialect.h"

#include "tqt/Dialect/TQT/IR/TQTOpsDialect.h.inc"

#endif // TQT_DIALECT_TQT_IR_TQTDIALECT_H
