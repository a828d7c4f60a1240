//===- TQTDialect.h - The tqt dialect ---------------------------*- C++ -*-===//

#ifndef TQT_DIALECT_TQT_IR_TQTDIALECT_H
#define TQT_DIALECT_TQT_IR_TQTDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Dialect.h"

#include "tqt/Dialect/TQT/IR/TQTOpsDialect.h.inc"

namespace mlir::tqt {

/// tqt.role's one value: the threshold global of a weight quantizer.
inline constexpr llvm::StringLiteral kWeightRole = "weight";

/// Whether `global` (an ml_program.global) holds a weight quantizer's
/// threshold (tqt.role = "weight").
bool isWeightThreshold(Operation *global);

/// Builds the threshold that follows two others instead of being a
/// parameter: ceil(log2_tx) + ceil(log2_tw) + offset, the 32-bit bias at the
/// accumulator scale of --tqt-insert-quantizers' layer-bits = 0.
Value buildDerivedThreshold(OpBuilder &b, Location loc, Value log2Tx,
                            Value log2Tw, float offset);

/// Whether a quantizer's threshold is such a derived one (calibration skips
/// it; --tqt-legalize-pow2 evaluates it).
bool isDerivedThreshold(Value log2T);

} // namespace mlir::tqt

#endif // TQT_DIALECT_TQT_IR_TQTDIALECT_H
