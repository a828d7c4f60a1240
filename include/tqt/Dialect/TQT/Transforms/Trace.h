//===- Trace.h - Following a quantizer through integer fusion ---*- C++ -*-===//
//
// The contract between a legalized graph, --tqt-fuse-integer and the
// per-layer checker (tqt/Execution/LayerCompare.h): a `tqt.quantize` that
// carries `tqt.trace = N : i64` has its tag moved by the fusion to the op
// that computes the same integer codes in the fused program (a
// tqt.requantize, a folded tosa.const, the boundary quantize itself), so the
// two programs can be compared quantizer by quantizer. Untagged graphs are
// fused exactly as before.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_DIALECT_TQT_TRANSFORMS_TRACE_H
#define TQT_DIALECT_TQT_TRANSFORMS_TRACE_H

#include "tqt/Dialect/TQT/IR/TQTDialect.h"

namespace mlir::tqt {

inline constexpr llvm::StringLiteral kTraceAttr =
    TQTDialect::TraceAttrHelper::getNameStr();

} // namespace mlir::tqt

#endif // TQT_DIALECT_TQT_TRANSFORMS_TRACE_H
