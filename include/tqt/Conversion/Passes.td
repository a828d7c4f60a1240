//===- Passes.td - tqt conversion passes -------------------*- tablegen -*-===//

#ifndef TQT_CONVERSION_PASSES_TD
#define TQT_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertTQTToLinalg : Pass<"convert-tqt-to-linalg"> {
  let summary = "Lower every tqt op to linalg/arith/math/tensor on tensors";
  let description = [{
    Rewrites each `tqt` op into `linalg.generic` ops on tensors whose bodies
    compute exactly the numbers of the numerics reference
    (`include/tqt/Support/FixedPoint.h`, docs/Numerics.md), for every
    rounding mode, `narrow`, unsigned storage, clamp bounds, left and right
    shifts and saturation. Static and dynamic shapes are supported; unranked
    tensors are reported.

    The lowered code has no undefined behaviour on any input:

    * floats are clamped (and NaN replaced) before any float-to-integer
      conversion;
    * shifts are computed on 64-bit (or, when provably enough, 32-bit)
      integers and never reach the bit width; left shifts saturate before
      shifting;
    * NaN inputs quantize to 0, +-inf saturate, a NaN threshold makes
      `fake_quant` and `fake_quant_grad` produce NaN (docs/Numerics.md).

    `fake_quant_grad`'s threshold gradient is a reduction over the whole
    tensor, accumulated in f64 in row-major order and rounded once to f32.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def ConvertTQTToTosa : Pass<"convert-tqt-to-tosa"> {
  let summary = "Lower half_up tqt.requantize to integer TOSA (tosa.rescale)";
  let description = [{
    Rewrites `tqt.requantize` with `rounding = half_up` into a TOSA 1.0
    `tosa.rescale` with multiplier 2^30, shift 30 + k, `scale32`,
    `SINGLE_ROUND`, zero points 0 (exactly the half_up rounding right shift by
    k, docs/Numerics.md section 9), plus a `tosa.clamp` when the output grid
    or the clamp bounds are narrower than the output type. i48 inputs (the
    accumulators of i16 x i8 convolutions) take the 16-bit form: multiplier
    2^14, shift 14 + k, `scale32 = false`.

    TOSA 1.0 allows unsigned outputs only from i8/i16 inputs, unsigned inputs
    only into i8/i16 outputs (never both), and its integer profile clamps
    only i8/i16. So: an unsigned grid that fits the signed range of its
    storage (uint8 in i16) is a signed output plus a clamp; a grid of at most
    16 bits in i32 storage is rescaled into i16 and widened by a
    sign-extending `tosa.cast`; where the direct form is not allowed (uint8
    output in i8 from an i32 accumulator; unsigned in and out), the value is
    rescaled into a signed i16 first, clamped there, and moved into the
    output by an identity rescale (shift 30). Saturations compose, so the
    bits are the same. Such graphs validate with the integer profile plus
    the int16 extension.

    Only what TOSA can express exactly is converted. Any other rounding mode;
    a shift outside [-28, 32] ([-12, 48] for i48); a left shift that can push the input past the
    int32 range TOSA's arithmetic requires (left shifts of at most 24 bits
    for i8, 23 for unsigned i8, 16 for i16, none for i32 or i48); an input
    other than i8/i16/i32/i48 or an output other than i8/i16/i32; or an
    unsigned 16-bit output from an
    i32 or unsigned input is an error naming the reason, never a silent
    approximation. Other tqt ops are left unchanged (lower them with
    `--convert-tqt-to-linalg`).
  }];
  let dependentDialects = [
    "::mlir::tosa::TosaDialect",
  ];
}

#endif // TQT_CONVERSION_PASSES_TD
