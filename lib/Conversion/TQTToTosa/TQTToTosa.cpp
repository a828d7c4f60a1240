//===- TQTToTosa.cpp - Lower half_up requantization to tosa.rescale -------===//
//
// A half_up rounding right shift by k is exactly tosa.rescale with multiplier
// 2^30 and shift 30 + k in SINGLE_ROUND mode (docs/Numerics.md section 9):
// (a * 2^30 + 2^(29 + k)) >> (30 + k) == (a + 2^(k-1)) >> k. Everything TOSA
// cannot express exactly is reported, never approximated.
//
//===----------------------------------------------------------------------===//

#include "tqt/Conversion/Passes.h"

#include "tqt/Dialect/TQT/IR/TQTOps.h"
#include "tqt/Support/FixedPoint.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tqt {
#define GEN_PASS_DEF_CONVERTTQTTOTOSA
#include "tqt/Conversion/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;
namespace num = ::tqt::numerics;

namespace {

/// TOSA's rescale shift must be in [2, 62]; with a multiplier of 2^30 the
/// representable requantization shifts are k = shift - 30 in [-28, 32].
constexpr int kMinTosaShift = -28;
constexpr int kMaxTosaShift = 32;
constexpr int kMultiplierLog2 = 30;

bool isRescaleWidth(unsigned w) { return w == 8 || w == 16 || w == 32; }

Value constTensor(ImplicitLocOpBuilder &b, Type elementType, int64_t v) {
  auto type = RankedTensorType::get({1}, elementType);
  return tosa::ConstOp::create(
      b, type,
      DenseElementsAttr::get(type, b.getIntegerAttr(elementType, v)));
}

/// tosa.rescale of `input` by 2^-k into `outType`, half_up, zero points 0.
Value rescale(ImplicitLocOpBuilder &b, Value input, RankedTensorType outType,
              int k, bool inputUnsigned, bool outputUnsigned) {
  auto inElem = cast<IntegerType>(
      cast<ShapedType>(input.getType()).getElementType());
  auto outElem = cast<IntegerType>(outType.getElementType());
  Value multiplier =
      constTensor(b, b.getI32Type(), int64_t(1) << kMultiplierLog2);
  Value shift = constTensor(b, b.getI8Type(), kMultiplierLog2 + k);
  Value inZp = constTensor(b, inElem, 0);
  Value outZp = constTensor(b, outElem, 0);
  return tosa::RescaleOp::create(
      b, outType, input, multiplier, shift, inZp, outZp,
      b.getBoolAttr(true),
      tosa::RoundingModeAttr::get(b.getContext(),
                                  tosa::RoundingMode::SINGLE_ROUND),
      b.getBoolAttr(false), b.getBoolAttr(inputUnsigned),
      b.getBoolAttr(outputUnsigned));
}

/// The range tosa.rescale saturates to for an output type and signedness.
num::Grid typeRange(unsigned width, bool isUnsigned) {
  return num::integerGrid(width, !isUnsigned);
}

struct RequantizeToRescale : OpRewritePattern<RequantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(RequantizeOp op,
                                PatternRewriter &rewriter) const override {
    // Preconditions were checked (with diagnostics) by the pass.
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    auto outType = cast<RankedTensorType>(op.getType());
    unsigned outWidth = outType.getElementTypeBitWidth();
    int k = int(op.getShiftAttr().getInt());
    bool inUnsigned = op.getInputUnsigned();
    bool outUnsigned = !op.getIsSigned();
    num::Grid grid = op.getClampedGrid();
    num::Grid full = typeRange(outWidth, outUnsigned);
    bool needsClamp = grid.lo != full.lo || grid.hi != full.hi;

    Value result;
    if (!needsClamp && !(inUnsigned && outUnsigned)) {
      // The output grid is the whole output type: the rescale's own
      // saturation is the saturation of the op.
      result = rescale(b, op.getInput(), outType, k, inUnsigned, outUnsigned);
    } else if (!outUnsigned) {
      // Signed output: saturate to the type, then clamp to the grid (a
      // subset of the type's range, so the two saturations compose).
      Value r = rescale(b, op.getInput(), outType, k, inUnsigned, false);
      result = tosa::ClampOp::create(
          b, outType, r, b.getIntegerAttr(outType.getElementType(), grid.lo),
          b.getIntegerAttr(outType.getElementType(), grid.hi),
          tosa::NanPropagationModeAttr::get(
              b.getContext(), tosa::NanPropagationMode::PROPAGATE));
    } else {
      // Unsigned output with a narrower grid (tosa.clamp reads integers as
      // signed) or with an unsigned input (TOSA forbids input_unsigned and
      // output_unsigned together): rescale into i32, clamp there, then an
      // exact identity rescale (shift 0) moves the values into the output.
      auto wide = inType.clone(b.getI32Type());
      Value r = rescale(b, op.getInput(), wide, k, inUnsigned, false);
      Value c = tosa::ClampOp::create(
          b, wide, r, b.getI32IntegerAttr(int32_t(grid.lo)),
          b.getI32IntegerAttr(int32_t(grid.hi)),
          tosa::NanPropagationModeAttr::get(
              b.getContext(), tosa::NanPropagationMode::PROPAGATE));
      result = rescale(b, c, outType, 0, false, true);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConvertTQTToTosaPass
    : mlir::tqt::impl::ConvertTQTToTosaBase<ConvertTQTToTosaPass> {
  void runOnOperation() override {
    // Check every requantization first, so that all unsupported ones are
    // reported (each with its reason) and nothing is half converted.
    bool failedAny = false;
    getOperation()->walk([&](RequantizeOp op) {
      if (failed(checkConvertible(op)))
        failedAny = true;
    });
    if (failedAny)
      return signalPassFailure();

    RewritePatternSet patterns(&getContext());
    patterns.add<RequantizeToRescale>(&getContext());
    SmallVector<Operation *> ops;
    getOperation()->walk([&](RequantizeOp op) { ops.push_back(op); });
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingOps);
    if (failed(applyOpPatternsGreedily(ops, std::move(patterns), config)))
      signalPassFailure();
  }

  static LogicalResult checkConvertible(RequantizeOp op) {
    if (op.getRounding() != RoundingMode::HalfUp)
      return op.emitOpError("cannot be expressed as tosa.rescale: rounding ")
             << stringifyRoundingMode(op.getRounding())
             << " is not half_up (tosa.rescale SINGLE_ROUND rounds ties "
                "toward +infinity)";
    int k = int(op.getShiftAttr().getInt());
    if (k < kMinTosaShift || k > kMaxTosaShift)
      return op.emitOpError("cannot be expressed as tosa.rescale: shift ")
             << k << " is outside [" << kMinTosaShift << ", "
             << kMaxTosaShift << "] (multiplier 2^30 with a rescale shift "
             << "in [2, 62])";
    auto inType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto outType = dyn_cast<RankedTensorType>(op.getType());
    if (!inType || !outType)
      return op.emitOpError(
          "cannot be expressed as tosa.rescale: unranked tensor");
    unsigned inWidth = inType.getElementTypeBitWidth();
    unsigned outWidth = outType.getElementTypeBitWidth();
    if (!isRescaleWidth(inWidth))
      return op.emitOpError("cannot be expressed as tosa.rescale: input ")
             << inType.getElementType()
             << " is not one of i8, i16, i32";
    if (!isRescaleWidth(outWidth))
      return op.emitOpError("cannot be expressed as tosa.rescale: output ")
             << outType.getElementType()
             << " is not one of i8, i16, i32";
    if (op.getInputUnsigned() && inWidth == 32)
      return op.emitOpError("cannot be expressed as tosa.rescale: unsigned "
                            "i32 input (input_unsigned is for i8 and i16)");
    if (!op.getIsSigned() && outWidth == 32)
      return op.emitOpError("cannot be expressed as tosa.rescale: unsigned "
                            "i32 output (output_unsigned is for i8 and i16)");
    return success();
  }
};

} // namespace
