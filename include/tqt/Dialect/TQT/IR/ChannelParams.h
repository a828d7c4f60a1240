//===- ChannelParams.h - Per-tensor or per-channel op parameters -*- C++
//-*-===//
//
// tqt ops quantize a whole tensor at one scale, or each channel (the indices
// along one `axis`) at its own: fake_quant thresholds, quantize/dequantize
// exponents and requantize shifts. This is the one description of that
// layout (docs/Numerics.md section 14); every pass, lowering and evaluator
// reads per-channel parameters through it.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_DIALECT_TQT_IR_CHANNELPARAMS_H
#define TQT_DIALECT_TQT_IR_CHANNELPARAMS_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace mlir::tqt {

/// Integer parameters of an op: one for the tensor, or one per channel along
/// `axis`.
struct ChannelInts {
  SmallVector<int64_t> values;
  std::optional<int64_t> axis;

  bool isPerChannel() const { return axis.has_value(); }
  /// The parameter of channel `c` (of the tensor, when per tensor).
  int64_t at(int64_t c) const { return axis ? values[c] : values.front(); }
  /// The value every channel shares, if they all share one.
  std::optional<int64_t> uniform() const;
};

/// The number of elements one step along `axis` of a row-major tensor of
/// `shape` skips (the product of the later dimensions).
int64_t channelStride(ArrayRef<int64_t> shape, int64_t axis);

/// The channel (index along `axis`) of element `linear` of a row-major
/// tensor of static `shape`.
int64_t channelOfElement(ArrayRef<int64_t> shape, int64_t axis, int64_t linear);

} // namespace mlir::tqt

#endif // TQT_DIALECT_TQT_IR_CHANNELPARAMS_H
