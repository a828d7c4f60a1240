//===- QuantizeArith.h - tqt.quantize's values on tensors -------*- C++ -*-===//
//
// The float value of the code tqt.quantize produces, clip(R(x / 2^exp)) *
// 2^exp, as one linalg.generic on a tensor: what tqt.fake_quant computes at
// a fixed exponent. The linalg lowering builds fake_quant from the same
// element code; --convert-tqt-to-quant puts it before quant.qcast so that
// rounding and saturation are explicit (docs/Downstream.md).
//
//===----------------------------------------------------------------------===//

#ifndef TQT_CONVERSION_QUANTIZEARITH_H
#define TQT_CONVERSION_QUANTIZEARITH_H

#include "tqt/Dialect/TQT/IR/ChannelParams.h"
#include "tqt/Dialect/TQT/IR/TQTAttrs.h"
#include "tqt/Support/FixedPoint.h"

#include "mlir/IR/Builders.h"

namespace mlir::tqt {

/// For a ranked f32 tensor `x`: each element becomes the f32 value of its
/// code on `spec`'s grid at scale 2^exp under `mode` (+0.0 for NaN,
/// saturated for +-inf), bit for bit the numerics reference's
/// dequantize(quantize(x)), with the exponent of the element's channel when
/// `exps` is per channel. Exponents are in [kMinExp, kMaxExp].
Value buildQuantizedValues(OpBuilder &b, Location loc, Value x,
                           const ChannelInts &exps,
                           const numerics::QuantizerSpec &spec,
                           RoundingMode mode);

} // namespace mlir::tqt

#endif // TQT_CONVERSION_QUANTIZEARITH_H
