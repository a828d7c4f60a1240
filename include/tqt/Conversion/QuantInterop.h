//===- QuantInterop.h - tqt codes as upstream quant types -------*- C++ -*-===//
//
// The one mapping between tqt's integer codes (storage iN, exponent, grid)
// and the upstream quant dialect's `!quant.uniform` types that
// --convert-tqt-to-quant and --convert-quant-to-tqt share (docs/Downstream.md):
// scale 2^exp, zero point 0, storage iN read as signed or unsigned, storage
// range = the grid (so 4-bit codes in i8 are `i8<-8:7>`, 8-bit unsigned codes
// in i16 are `u16<0:255>`, narrow grids `i8<-127:127>`). Per-channel codes
// (tqt ops with `exps[...] axis(a)`) are the per-axis type
// `!quant.uniform<i8:f32:a, {2^e0, 2^e1, ...}>`.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_CONVERSION_QUANTINTEROP_H
#define TQT_CONVERSION_QUANTINTEROP_H

#include "tqt/Dialect/TQT/IR/ChannelParams.h"
#include "tqt/Support/FixedPoint.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Diagnostics.h"

namespace mlir::tqt {

/// Codes as tqt ops describe them.
struct CodeType {
  IntegerType storage;
  /// The exponent of the codes, or of each channel along an axis.
  ChannelInts exps;
  numerics::QuantizerSpec grid; // bits, isSigned, narrow (rounding unused)
};

/// The `!quant.uniform<storage<lo:hi>:f32, 2^exp>` of `codes`, or the
/// per-axis `!quant.uniform<storage<lo:hi>:f32:axis, {2^e0, ...}>`.
quant::QuantizedType getQuantType(const CodeType &codes);

/// The codes `type` describes, or a diagnostic saying why tqt cannot hold
/// them (sub-channel scales, a scale that is not a power of 2 in [2^-126,
/// 2^127], a zero point, a storage range that is not a grid, an expressed
/// type other than f32, storage wider than 32 bits).
FailureOr<CodeType> getCodeType(Type type,
                                function_ref<InFlightDiagnostic()> emitError);

} // namespace mlir::tqt

#endif // TQT_CONVERSION_QUANTINTEROP_H
