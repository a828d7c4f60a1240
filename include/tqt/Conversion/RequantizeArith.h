//===- RequantizeArith.h - tqt.requantize as arith ops ----------*- C++ -*-===//
//
// The integer body of tqt.requantize (docs/Numerics.md: rounding right shift
// or saturating left shift, then saturation to a grid) as arith ops on a
// scalar or a vector. Both the linalg lowering and the int8 kernels' fused
// epilogues build it from here, so the two cannot drift apart.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_CONVERSION_REQUANTIZEARITH_H
#define TQT_CONVERSION_REQUANTIZEARITH_H

#include "tqt/Support/FixedPoint.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <optional>

namespace mlir {
class ImplicitLocOpBuilder;
} // namespace mlir

namespace mlir::tqt {

/// The integer type the requantization of an `inputWidth`-bit integer
/// (signed or not) by `shift` onto `grid` is computed in: i32 when the input,
/// the grid and the shift all fit (shift amounts then stay below 31), else
/// i64.
IntegerType requantizeWorkType(MLIRContext *ctx, unsigned inputWidth,
                               bool inputSigned,
                               ::mlir::tqt::numerics::Grid grid, int shift);

/// An integer constant of `type` (an integer type, or a vector of one: a
/// splat).
Value intConstant(ImplicitLocOpBuilder &b, Type type, int64_t v);

/// sat(round(a / 2^shift)) for shift >= 0, sat(a * 2^-shift) for shift < 0,
/// onto `grid`; `a` is a work-typed integer or vector of them (see
/// requantizeWorkType). No intermediate overflows and no shift reaches the
/// bit width.
///
/// When `bounds` (inclusive bounds every `a` is known to lie in) leave room
/// to add 2^(shift-1) without overflow, the rounding shift takes the shorter
/// exact forms (a + 2^(shift-1) + correction) >> shift (docs/Numerics.md
/// section 12); without bounds, the remainder comparison that is exact for
/// every input.
Value buildRequantize(ImplicitLocOpBuilder &b, Value a, int shift,
                      ::mlir::tqt::numerics::Rounding mode,
                      ::mlir::tqt::numerics::Grid grid,
                      std::optional<::mlir::tqt::numerics::Grid> bounds = {});

} // namespace mlir::tqt

#endif // TQT_CONVERSION_REQUANTIZEARITH_H
