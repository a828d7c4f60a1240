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

/// How to read the integer codes of a function argument or result (the
/// boundary of an integer-io program, --tqt-fuse-integer=integer-io=true):
/// value = code * 2^exp on the grid of `bits` / `isSigned`. Written and read
/// as the argument/result attributes tqt.exp, tqt.bits and tqt.is_signed.
struct BoundaryCodes {
  int64_t exp;
  int64_t bits;
  bool isSigned;
};
inline constexpr llvm::StringLiteral kBoundaryExpAttr = "tqt.exp";
inline constexpr llvm::StringLiteral kBoundaryBitsAttr = "tqt.bits";
inline constexpr llvm::StringLiteral kBoundaryIsSignedAttr = "tqt.is_signed";

/// The attribute dictionary of `codes` (replaces an argument's or result's
/// attributes).
DictionaryAttr getBoundaryCodesAttrs(MLIRContext *ctx,
                                     const BoundaryCodes &codes);
/// The codes an argument's or result's attributes describe, if all three
/// are there.
std::optional<BoundaryCodes> readBoundaryCodes(DictionaryAttr attrs);

} // namespace mlir::tqt

#endif // TQT_DIALECT_TQT_IR_TQTDIALECT_H
