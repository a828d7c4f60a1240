//===- Passes.h - tqt conversion passes -------------------------*- C++ -*-===//

#ifndef TQT_CONVERSION_PASSES_H
#define TQT_CONVERSION_PASSES_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Transforms/DialectConversion.h"
#include "tqt/Dialect/TQT/IR/TQTAttrs.h"

namespace mlir::tqt {

/// The patterns of --convert-tqt-to-linalg, to mix into another compiler's
/// dialect conversion: every tqt op on ranked tensors becomes linalg.generic /
/// arith / math / tensor ops computing the numbers of FixedPoint.h. The
/// types do not change (no type converter is needed); the target is
/// configureTQTToLinalgLegality's.
void populateTQTToLinalgConversionPatterns(RewritePatternSet &patterns);

/// What --convert-tqt-to-linalg's conversion target says: the tqt dialect is
/// illegal except tqt.dot_step (the int8 kernels' vector op, lowered later by
/// --tqt-lower-dot-steps); arith, linalg, math and tensor are legal. Other
/// ops are left to the caller's target.
void configureTQTToLinalgLegality(ConversionTarget &target);

/// The patterns of --convert-tqt-to-tosa: each half_up tqt.requantize on
/// ranked tensors becomes tosa.rescale (and tosa.clamp where the grid is
/// narrower than the type); other requantizations do not match (the pass
/// reports them; a greedy driver leaves them).
void populateTQTToTosaConversionPatterns(RewritePatternSet &patterns);

#define GEN_PASS_DECL
#include "tqt/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "tqt/Conversion/Passes.h.inc"

} // namespace mlir::tqt

#endif // TQT_CONVERSION_PASSES_H
