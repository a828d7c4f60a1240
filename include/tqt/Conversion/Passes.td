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

def ConvertTQTToQuant : Pass<"convert-tqt-to-quant", "::mlir::ModuleOp"> {
  let summary = "Express tqt's quantize/dequantize and integer boundary with upstream quant ops and types";
  let description = [{
    For consumers of the upstream `quant` dialect (and `--lower-quant-ops`):
    every `tqt.dequantize` becomes `quant.scast` + `quant.dcast`, every
    `tqt.quantize` becomes `quant.qcast` + `quant.scast`, and the arguments
    and results of an integer-io program (those with `tqt.exp`, `tqt.bits`,
    `tqt.is_signed`) take `!quant.uniform` types, with a `quant.scast` to
    the integer codes the body computes on. The quantized type of codes is
    `!quant.uniform<iN<lo:hi>:f32, 2^exp>`: scale 2^exp, zero point 0,
    storage range the grid (`uN` for unsigned grids); per-channel codes
    (`exps[...] axis(a)`) take the per-axis `!quant.uniform<iN:f32:a,
    {2^e0, ...}>`.

    `quant.qcast` leaves rounding to whoever lowers it, and upstream's
    `--lower-quant-ops` truncates toward zero and does not saturate a
    full-range storage type; no tqt rounding mode is either. So a quantize
    keeps its rounding and saturation explicit: its input goes through one
    `linalg.generic` that computes each element's value on the grid,
    `clip(R(x / 2^exp)) * 2^exp` in the quantizer's rounding mode (NaN gives
    0), and `quant.qcast` then only divides by the scale an integer-valued,
    in-range float. The result has the same bits under any lowering of
    `quant.qcast` that is exact on integers (`--lower-quant-ops` is), in every
    tqt rounding mode. A quantizer whose largest code times 2^exp is not a
    finite f32 is reported.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::quant::QuantDialect",
  ];
}

def ConvertQuantToTQT : Pass<"convert-quant-to-tqt", "::mlir::ModuleOp"> {
  let summary = "Read upstream quant ops and types as tqt's quantize/dequantize and integer boundary";
  let description = [{
    The inverse of `--convert-tqt-to-quant`: `quant.dcast` becomes
    `tqt.dequantize`, `quant.qcast` becomes `tqt.quantize` in the `rounding`
    mode given here (`quant.qcast` does not define one; after
    `--convert-tqt-to-quant` its input is already on the grid, and every
    mode gives the same codes), function arguments and results of quantized
    types become their integer storage with `tqt.exp`, `tqt.bits` and
    `tqt.is_signed`, and storage casts that cancel are removed.

    Only what tqt codes can be is accepted; anything else is reported with
    the op's location: sub-channel types, a scale that is not a
    power of 2 in [2^-126, 2^127], a nonzero zero point, per-axis types at
    a function boundary, an expressed type
    other than f32, storage wider than 32 bits or a storage range that is no
    tqt grid, scalar (non-tensor) values, and quantized values used by ops
    other than the quant casts.
  }];
  let options = [
    Option<"rounding", "rounding", "::mlir::tqt::RoundingMode",
           /*default=*/"::mlir::tqt::RoundingMode::HalfEven",
           "Rounding mode of the tqt.quantize each quant.qcast becomes",
           [{::llvm::cl::values(
             clEnumValN(::mlir::tqt::RoundingMode::HalfEven, "half_even",
                        "ties to even"),
             clEnumValN(::mlir::tqt::RoundingMode::HalfUp, "half_up",
                        "ties toward +inf"),
             clEnumValN(::mlir::tqt::RoundingMode::HalfAway, "half_away",
                        "ties away from zero"),
             clEnumValN(::mlir::tqt::RoundingMode::Floor, "floor",
                        "toward -inf"))}]>,
  ];
  let dependentDialects = [
    "::mlir::tqt::TQTDialect",
    "::mlir::quant::QuantDialect",
  ];
}

#endif // TQT_CONVERSION_PASSES_TD
