//===- Passes.h - tqt conversion passes -------------------------*- C++ -*-===//

#ifndef TQT_CONVERSION_PASSES_H
#define TQT_CONVERSION_PASSES_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"
#include "tqt/Dialect/TQT/IR/TQTAttrs.h"

namespace mlir::tqt {

/// The patterns of --convert-tqt-to-linalg, to mix into another compiler's
/// dialect conversion: every tqt op on ranked tensors becomes linalg.generic /
/// arith / math / tensor ops computing the numbers of FixedPoint.h. Use them
/// with a ConversionTarget that marks the tqt dialect illegal except
/// tqt.dot_step (the kernels' vector op, lowered by tqt-lower-dot-steps) and
/// arith, linalg, math and tensor legal, as the pass does.
void populateTQTToLinalgConversionPatterns(RewritePatternSet &patterns);

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
